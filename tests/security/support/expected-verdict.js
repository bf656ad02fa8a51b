/** The last frozen period index when a plan is frozen; period FENCE + 1 is always open. */
export const FENCE = 1;
/*
 * The rules table of issue 4, written out by hand (not derived from shared/src/rules):
 *
 *              | demand | supply, capacity | items, meta             | comments and flags
 *   sales      | write  | read             | read                   | write (own messages)
 *   production | read   | write            | read                   | write (own messages)
 *   planner    | write  | write            | write: freeze, status  | write; may resolve
 *   viewer     | read   | read             | read                   | write (own messages)
 *
 * - No one writes a cell in a frozen period (index ≤ frozenThrough).
 * - An approved plan is read-only except for a planner's status change. Comments and flags
 *   discuss the plan rather than change it and stay writable (docs/plan-document.md).
 * - Values are finite, ≥ 0 and whole (the test plans have 0 decimals).
 * - Structure follows the layout: no new roots, no replaced base arrays.
 * - Comments: anyone starts a thread or replies in their own name; only a message's author
 *   changes it; any editor (not a viewer) resolves (DESIGN §3); links are http, https, mailto.
 * - Flags: editors (not viewers) create them; only the creator, the owner or a planner changes
 *   one (docs/plan-document.md).
 */
const WRITERS = {
    demand: ['sales', 'planner'],
    supply: ['production', 'planner'],
    capacity: ['production', 'planner'],
    meta: ['planner'],
    items: ['planner'],
};
const EDITORS = ['planner', 'sales', 'production'];
export function expectedVerdict(role, target, state) {
    const reasons = new Set();
    const unless = (allowed, code) => {
        if (!allowed)
            reasons.add(code);
    };
    switch (target.kind) {
        case 'cell':
            unless(WRITERS[target.measure].includes(role), 'forbiddenRole');
            unless(!state.approved, 'planApproved');
            unless(!(state.frozen && target.period <= FENCE), 'frozenPeriod');
            unless(target.value === 'valid', 'outOfRange');
            break;
        case 'frozenThrough':
        case 'itemField':
        case 'newItem':
            unless(WRITERS[target.kind === 'frozenThrough' ? 'meta' : 'items'].includes(role), 'forbiddenRole');
            unless(!state.approved, 'planApproved');
            break;
        case 'status':
            unless(WRITERS.meta.includes(role), 'forbiddenRole');
            break;
        case 'replaceBase':
            reasons.add('badStructure');
            unless(WRITERS.demand.includes(role), 'forbiddenRole');
            unless(!state.approved, 'planApproved');
            break;
        case 'unknownRoot':
            reasons.add('unknownRoot');
            break;
        case 'comment':
            if (target.action === 'forgeAuthor')
                reasons.add('badValue').add('forbiddenRole');
            if (target.action === 'editOthers')
                reasons.add('forbiddenRole');
            if (target.action === 'unsafeLink')
                reasons.add('badValue');
            if (target.action === 'resolve')
                unless(EDITORS.includes(role), 'forbiddenRole');
            break;
        case 'flag':
            unless(EDITORS.includes(role), 'forbiddenRole');
            if (target.action === 'changeOthers')
                unless(role === 'planner', 'forbiddenRole');
            break;
    }
    return { accept: reasons.size === 0, reasons };
}
//# sourceMappingURL=expected-verdict.js.map