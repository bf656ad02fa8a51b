import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { GridSelection } from '@glideapps/glide-data-grid'
import { useTranslation } from 'react-i18next'
import { HomeLink } from '../navigation/home-link.js'
import type { ChartTarget } from '../chart/chart-target.js'
import { chartSubject } from '../chart/chart-subject.js'
import type { SessionUser } from '../auth/session-user.js'
import type { Identity } from '../identity/identity.js'
import { IdentityChip } from '../identity/identity-chip.js'
import { InboxButton } from '../inbox/inbox-button.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { useFormatters } from '../i18n/use-formatters.js'
import { AvatarBar } from '../presence/avatar-bar.js'
import type { Peer } from '../presence/presence-state.js'
import { useColourClaim } from '../presence/use-colour-claim.js'
import { usePeers } from '../presence/use-peers.js'
import { ConnectionBadge } from '../sync/connection-badge.js'
import type { PlanLive, PlanSession, SessionSnapshot } from '../sync/plan-session.js'
import { usePlanMeta } from '../sync/use-plan-meta.js'
import { useUndoState } from '../sync/use-undo-state.js'
import { buildBoardLayout } from '../plan-view/board-layout.js'
import type { BoardRow } from '../plan-view/board-row.js'
import { BoardToolbar } from './board-toolbar.js'
import type { BoardView } from '../plan-view/board-view.js'
import { describeEditViolation } from '../plan-view/describe-edit-violation.js'
import type { JumpRequest } from '../plan-view/jump-request.js'
import { NoticeArea } from '../notices/notice-area.js'
import { PlanGrid } from './plan-grid.js'
import type { RowOptions } from '../plan-view/row-options.js'
import type { ViewState } from '../plan-view/view-state.js'
import { parseViewState, rowOptionsOf, withRowOptions } from '../plan-view/view-state.js'
import { useViewState } from '../plan-view/use-view-state.js'
import { timeAxis } from '../plan-view/time-axis.js'
import { useSkuSearch } from './use-sku-search.js'
import { SearchBox } from './search-box.js'
import { ViewControls } from './view-controls.js'
import { RowFilters } from './row-filters.js'
import { useArrangement } from './use-arrangement.js'
import { useOpenedLink } from './use-opened-link.js'
import { cellLinkAt } from './cell-link-at.js'
import { copyBoardLink } from '../navigation/copy-board-link.js'
import type { Notice, Notify } from '../notices/use-notices.js'
import { useGapCounts } from './use-gap-counts.js'
import { CellMenu } from '../comments/cell-menu.js'
import type { CellMenuRequest } from '../comments/cell-menu.js'
import { DiscussionButtons } from '../comments/discussion-buttons.js'
import { DiscussionPanel } from '../comments/discussion-panel.js'
import { useDiscussion } from '../comments/use-discussion.js'
import { CellHistoryDialog } from '../history/cell-history-dialog.js'
import type { CellHistoryTarget } from '../history/cell-history-target.js'
import { historyTargetAt } from '../history/history-target-at.js'
import { useBoardVersions } from '../versions/use-board-versions.js'
import { useMemberNames } from '../versions/use-member-names.js'
import { useVersionedView } from '../versions/use-versioned-view.js'
import { VersionBanner } from '../versions/version-banner.js'
import { VersionsPanel } from '../versions/versions-panel.js'
import { usePlanSettings } from '../settings/use-plan-settings.js'
import { useSidePanelTop } from './use-side-panel-top.js'
import type { OwnServerChange } from '../conflicts/conflict-tracker.js'
import { useConflictNotices } from '../conflicts/use-conflict-notices.js'
import { gapExplanationAt, gapExplanationText } from './gap-explanation-at.js'
import { EMPTY_SELECTION } from '../plan-view/grid-selection.js'
import { accuracyPath } from '../accuracy/accuracy-path.js'
import { ForecastTools } from '../forecast/forecast-tools.js'
import { useForecastTick } from '../forecast/use-forecast-tick.js'
import { readOverrideReason } from '@tandem/shared'
import { CyclePanel, StagePill } from '../cycle/cycle-panel.js'
import { MeetingBanner } from '../meeting/meeting-banner.js'
import { MeetingPanel } from '../meeting/meeting-panel.js'
import { useMeetingMode } from '../meeting/use-meeting-mode.js'
import { usePresenterBroadcast } from '../meeting/use-presenter-broadcast.js'
import { useMembers } from '../comments/use-members.js'
import { ScenarioSwitcher } from '../scenarios/scenario-switcher.js'
import { ScenariosPanel } from '../scenarios/scenarios-panel.js'
import { useScenarios } from '../scenarios/use-scenarios.js'
import { useScenarioComparison } from '../scenarios/use-scenario-comparison.js'
import { ScenarioCompareBanner } from '../scenarios/scenario-compare-banner.js'
import { ExecutiveView } from '../executive/executive-view.js'
import { TransferPanel } from '../transfers/transfer-panel.js'

const ChartPanel = lazy(() => import('../chart/chart-panel.js'))

interface BoardLoadedProps {
  session: PlanSession
  live: PlanLive
  snapshot: SessionSnapshot
  user: SessionUser
  identity: Identity
  onSignOut: () => void
  notices: Notice[]
  notify: Notify
  onDismiss: (id: number) => void
}

/** The board of a loaded plan: header with presence and status, toolbar, grid and chart. */
export function BoardLoaded(props: BoardLoadedProps) {
  const { session, live, snapshot, identity, notify } = props
  const { t } = useTranslation()
  const meta = usePlanMeta(live.plan)
  const format = useFormatters(meta.decimals)
  const planId = live.provider.roomname
  const awareness = live.provider.awareness
  const peers = usePeers(awareness)
  const mode = useMeetingMode(live.plan, awareness, peers, identity)
  const [ownViewState, setOwnViewState] = useViewState(props.user.id, planId, meta.periodKind)
  const presented = mode.followsPresenter ? mode.presenter?.state.presenting : undefined
  const presentedView = presented ? JSON.stringify(presented.view) : ''
  const viewState = useMemo(
    () =>
      presentedView ? parseViewState(JSON.parse(presentedView), ownViewState.grain) : ownViewState,
    [presentedView, ownViewState],
  )
  const { stepOut, followsPresenter } = mode
  const setViewState = useCallback(
    (change: ViewState | ((state: ViewState) => ViewState)) => {
      if (followsPresenter) stepOut()
      setOwnViewState(change)
    },
    [followsPresenter, stepOut, setOwnViewState],
  )
  const rowsKey = JSON.stringify(rowOptionsOf(viewState))
  const options = useMemo(() => JSON.parse(rowsKey) as RowOptions, [rowsKey])
  const { sort, grain } = viewState
  const { periodKind, firstPeriod, periodCount } = meta
  const axis = useMemo(
    () => timeAxis({ periodKind, firstPeriod, periodCount }, grain),
    [periodKind, firstPeriod, periodCount, grain],
  )
  const [layoutTick, setLayoutTick] = useState(0)
  const [chartOpen, setChartOpen] = useState(true)
  const [chartTarget, setChartTarget] = useState<ChartTarget>()
  const [followingId, setFollowingId] = useState<number>()
  const [jump, setJump] = useState<JumpRequest>()
  const { canUndo, canRedo } = useUndoState(live.undo)
  const [cellMenu, setCellMenu] = useState<CellMenuRequest>()
  const closeCellMenu = useCallback(() => setCellMenu(undefined), [])
  const versions = useBoardVersions(planId, live)
  const nameOf = useMemberNames(planId)
  const [versionsOpen, setVersionsOpen] = useState(false)
  const [cycleOpen, setCycleOpen] = useState(false)
  const [meetingOpen, setMeetingOpen] = useState(false)
  const members = useMembers(planId)
  const [scenariosOpen, setScenariosOpen] = useState(false)
  const scenarios = useScenarios(planId)
  const scenarioComparison = useScenarioComparison(planId, scenarios.baseId, live.model)
  const [executiveOpen, setExecutiveOpen] = useState(false)
  const [transfersOpen, setTransfersOpen] = useState(false)
  const [historyTarget, setHistoryTarget] = useState<CellHistoryTarget>()
  const forecastTick = useForecastTick(live.plan)
  const selection = useRef<GridSelection>(EMPTY_SELECTION)
  const onSelection = useCallback((next: GridSelection) => {
    selection.current = next
  }, [])

  const myColour = useColourClaim(awareness, identity)
  usePresenterBroadcast(
    awareness,
    mode.presenting && mode.running
      ? { meetingId: mode.running.id, view: ownViewState, chartOpen, chart: chartTarget }
      : undefined,
  )
  const shownChartOpen = presented ? presented.chartOpen : chartOpen
  const shownChartTarget = presented ? (presented.chart ?? chartTarget) : chartTarget

  const layout = useMemo(
    () => buildBoardLayout(live.plan, live.model, options, { sort, axis }),
    // layoutTick: the model asked for new rows; forecastTick: a forecast run or actuals arrived.
    [live, options, sort, axis, meta.periodCount, meta.resources, layoutTick, forecastTick],
  )
  const search = useSkuSearch(layout, live.model, setJump)
  const chartShown = useMemo(
    () => chartSubject(shownChartTarget, layout, live.model, meta, t),
    [shownChartTarget, layout, live.model, meta, t],
  )
  const view = useMemo<BoardView>(
    () => ({
      plan: live.plan,
      model: live.model,
      meta,
      layout,
      role: identity.role,
      gapsOnly: options.gapsOnly,
      gapKind: options.gapKind,
      format,
      t,
      axis,
      search: search.hits,
    }),
    [live, meta, layout, identity.role, options, format, t, axis, search.hits],
  )
  const counts = useGapCounts(live.model, layout.scope)
  // A version comparison, when one is open, wins over a scenario's in the grid.
  const shown = useVersionedView(
    view,
    {
      ...versions,
      overlay: versions.overlay ?? (versions.opened ? undefined : scenarioComparison.overlay),
    },
    options,
  )
  const conflicts = useConflictNotices(live, view, session, notify)
  const ownChange: OwnServerChange = useCallback(
    <T,>(request: () => Promise<T>): Promise<T> =>
      conflicts ? conflicts.ownServerChange(request) : request(),
    [conflicts],
  )

  const discussion = useDiscussion(shown, live, identity, setJump)
  useOpenedLink({
    planId,
    view: shown,
    discussion,
    versions,
    jump: setJump,
    openVersions: () => setVersionsOpen(true),
    openMeeting: () => setMeetingOpen(true),
    openCycle: () => setCycleOpen(true),
    notify,
    t,
  })
  useSidePanelTop()
  const settings = usePlanSettings({
    session,
    live,
    meta,
    role: identity.role,
    format,
    notify,
    empty: live.model.families().length === 0,
  })

  const followed = peers.find((peer) => peer.clientId === followingId)
  const following = followed ?? (mode.followsPresenter ? mode.presenter : undefined)
  const stopFollowing = () => {
    setFollowingId(undefined)
    if (mode.followsPresenter) mode.stepOut()
  }
  useEffect(() => {
    if (followingId !== undefined && !followed) setFollowingId(undefined)
  }, [followingId, followed])

  const changeOptions = (next: RowOptions) => setViewState((state) => withRowOptions(state, next))
  const arrangement = useArrangement(viewState, setViewState, shown, () => selection.current)
  const relayout = useCallback(() => setLayoutTick((n) => n + 1), [])
  const ownerFilter = options.owner
  useEffect(() => {
    // Flags decide who owns a SKU: an owner filter follows them as they are raised and resolved.
    if (ownerFilter === undefined) return
    const flags = live.plan.flags
    flags.observeDeep(relayout)
    return () => flags.unobserveDeep(relayout)
  }, [live.plan, ownerFilter, relayout])
  const focusRow = useCallback((row: BoardRow | undefined) => {
    if (!row || row.kind === 'resource') return
    setChartTarget((previous) => {
      const next: ChartTarget =
        row.kind === 'sku'
          ? { kind: 'sku', sku: row.sku }
          : row.kind === 'family'
            ? { kind: 'family', family: row.family }
            : row.kind === 'group'
              ? { kind: 'group', by: row.by, group: row.group }
              : { kind: 'total' }
      return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next
    })
  }, [])
  const jumpTo = (peer: Peer) => {
    if (peer.state.cursor) setJump({ pointer: peer.state.cursor })
  }
  const step = (direction: 'undo' | 'redo') => {
    const violation = direction === 'undo' ? session.undo() : session.redo()
    if (violation) notify(describeEditViolation(view, violation, []), 'error')
  }

  return (
    <div className={scenarios.current ? 'page board in-scenario' : 'page board'}>
      <header className="topbar">
        <HomeLink className="back">← {t('board.allPlans')}</HomeLink>
        <h1 className="plan-name" data-testid="plan-name">
          {meta.name}
        </h1>
        <span className="muted horizon">
          {t(`board.horizon_${meta.periodKind}`, {
            count: meta.periodCount,
            start: format.date(meta.firstPeriod),
          })}
        </span>
        {meta.frozenThrough >= 0 && (
          <span className="pill frozen">
            {t('board.frozenThrough', {
              period: format.period(meta.periodKind, meta.firstPeriod, meta.frozenThrough),
            })}
          </span>
        )}
        {meta.status === 'approved' && <span className="pill">{t('board.approved')}</span>}
        <StagePill plan={live.plan} />
        <ScenarioSwitcher scenarios={scenarios} />
        <span className="spacer" />
        <SearchBox
          query={search.query}
          onQuery={search.setQuery}
          current={search.current}
          count={search.matches.length}
          onStep={search.step}
          onLeave={search.leave}
          input={search.input}
        />
        <AvatarBar
          me={identity}
          myColour={myColour}
          peers={peers}
          following={followingId}
          onJump={jumpTo}
          onFollow={(peer) => setFollowingId(peer?.clientId)}
        />
        <ConnectionBadge status={snapshot.status} unsaved={snapshot.unsaved} />
        <InboxButton />
        <LanguageSwitch />
        <IdentityChip
          user={props.user}
          role={identity.role}
          colour={myColour}
          onSignOut={props.onSignOut}
        />
      </header>
      <BoardToolbar
        viewControls={
          <>
            <RowFilters
              plan={live.plan}
              meta={meta}
              options={options}
              onOptions={changeOptions}
              nameOf={nameOf}
              members={members}
            />
            <ViewControls
              state={viewState}
              meta={meta}
              format={format}
              onGrain={arrangement.setGrain}
              onFrozenColumns={arrangement.setFrozenColumns}
              onClearSort={arrangement.clearSort}
            />
          </>
        }
        options={options}
        onOptions={changeOptions}
        counts={counts}
        canUndo={canUndo}
        canRedo={canRedo}
        onUndo={() => step('undo')}
        onRedo={() => step('redo')}
        chartOpen={shownChartOpen}
        onToggleChart={() => setChartOpen((open) => !open)}
      >
        <ForecastTools
          planId={planId}
          view={shown}
          session={session}
          selection={() => selection.current}
          notify={notify}
        />
        <a className="button" data-testid="accuracy-button" href={accuracyPath(planId)}>
          {t('accuracy.button')}
        </a>
        <DiscussionButtons discussion={discussion} />
        {settings.button}
        <button
          type="button"
          className="button"
          aria-pressed={versionsOpen}
          data-testid="versions-button"
          onClick={() => setVersionsOpen((open) => !open)}
        >
          {t('versions.button')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={cycleOpen}
          data-testid="cycle-button"
          onClick={() => setCycleOpen((open) => !open)}
        >
          {t('cycle.button')}
        </button>
        <button
          type="button"
          className={mode.running ? 'button meeting-live' : 'button'}
          aria-pressed={meetingOpen}
          data-testid="meeting-button"
          onClick={() => setMeetingOpen((open) => !open)}
        >
          {mode.running ? t('meeting.buttonLive') : t('meeting.button')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={scenariosOpen}
          data-testid="scenarios-button"
          onClick={() => {
            if (!scenariosOpen) scenarios.refresh()
            setScenariosOpen((open) => !open)
          }}
        >
          {t('scenarios.button')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={transfersOpen}
          data-testid="transfers-button"
          onClick={() => setTransfersOpen((open) => !open)}
        >
          {t('transfers.button')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={executiveOpen}
          data-testid="executive-button"
          onClick={() => setExecutiveOpen((open) => !open)}
        >
          {t('executive.button')}
        </button>
      </BoardToolbar>
      {mode.running && (
        <MeetingBanner
          mode={mode}
          presenterName={nameOf(mode.running.presenter)}
          onOpen={() => setMeetingOpen(true)}
        />
      )}
      {followed && (
        <div className="following-banner" data-testid="following-banner">
          {t('presence.following', { name: followed.state.user.name })}
          <button type="button" className="link-button" onClick={() => setFollowingId(undefined)}>
            {t('presence.unfollow')}
          </button>
        </div>
      )}
      <VersionBanner board={versions} format={format} />
      <ScenarioCompareBanner comparing={scenarioComparison} />
      <main className={shownChartOpen ? 'board-main with-chart' : 'board-main'}>
        <PlanGrid
          key={versions.opened?.version.id ?? 'live'}
          view={shown}
          session={session}
          live={live}
          peers={peers}
          following={following}
          onStopFollowing={stopFollowing}
          jump={jump}
          notify={notify}
          onFocusRow={focusRow}
          onRelayout={relayout}
          threadCountAt={discussion.countAt}
          onCellMenu={(cell, x, y) => {
            const request = discussion.menuAt(cell, x, y)
            const target = historyTargetAt(shown, cell)
            const onHistory = target && (() => setHistoryTarget(target))
            const explanation = gapExplanationAt(shown, cell)
            const onExplain =
              explanation && (() => notify(gapExplanationText(shown, explanation), 'info'))
            const link = cellLinkAt(shown, cell)
            const onCopyLink =
              link &&
              (() =>
                copyBoardLink(link).then(
                  () => notify(t('links.copied'), 'info'),
                  () => notify(t('links.failed'), 'error'),
                ))
            const base =
              request ?? (link && { x, y, canFlag: false, inGap: false, onFlag: () => {} })
            setCellMenu(base && { ...base, onHistory, onExplain, onCopyLink })
          }}
          onCommentShortcut={discussion.commentAt}
          onPeriodMenu={settings.onPeriodMenu}
          conflicts={conflicts}
          onSelection={onSelection}
          arrangement={arrangement.grid}
          onHeaderClick={arrangement.sortByColumn}
          onColumnWidth={arrangement.setWidth}
          onSearchKey={search.focus}
          focusRequest={search.gridFocus}
        />
        <DiscussionPanel discussion={discussion} view={view} identity={identity} />
        {shownChartOpen && (
          <Suspense fallback={null}>
            <ChartPanel
              model={live.model}
              plan={live.plan}
              meta={meta}
              subject={chartShown}
              forecastTick={forecastTick}
            />
          </Suspense>
        )}
      </main>
      {cellMenu && <CellMenu request={cellMenu} onClose={closeCellMenu} />}
      {versionsOpen && (
        <VersionsPanel
          planId={planId}
          role={identity.role}
          meta={meta}
          model={live.model}
          board={versions}
          format={format}
          nameOf={nameOf}
          notify={notify}
          ownChange={ownChange}
          onClose={() => setVersionsOpen(false)}
        />
      )}
      {meetingOpen && (
        <MeetingPanel
          planId={planId}
          plan={live.plan}
          model={live.model}
          meta={meta}
          identity={identity}
          meeting={mode.meeting}
          members={members}
          format={format}
          nameOf={nameOf}
          notify={notify}
          onClose={() => setMeetingOpen(false)}
        />
      )}
      {cycleOpen && (
        <CyclePanel
          planId={planId}
          plan={live.plan}
          model={live.model}
          role={identity.role}
          nameOf={nameOf}
          notify={notify}
          onClose={() => setCycleOpen(false)}
        />
      )}
      {scenariosOpen && (
        <ScenariosPanel
          scenarios={scenarios}
          role={identity.role}
          userId={props.user.id}
          model={live.model}
          session={session}
          live={live}
          meta={meta}
          format={format}
          notify={notify}
          comparing={scenarioComparison}
          onClose={() => setScenariosOpen(false)}
        />
      )}
      {transfersOpen && (
        <TransferPanel
          live={live}
          model={live.model}
          meta={meta}
          role={identity.role}
          format={format}
          notify={notify}
          focusedSku={chartTarget?.kind === 'sku' ? chartTarget.sku : undefined}
          onClose={() => setTransfersOpen(false)}
        />
      )}
      {executiveOpen && (
        <ExecutiveView
          planId={planId}
          plan={live.plan}
          model={live.model}
          meta={meta}
          onClose={() => setExecutiveOpen(false)}
        />
      )}
      {historyTarget && (
        <CellHistoryDialog
          planId={planId}
          target={historyTarget}
          format={format}
          nameOf={nameOf}
          onClose={() => setHistoryTarget(undefined)}
          reason={
            historyTarget.measure === 'demand'
              ? readOverrideReason(live.plan, historyTarget.key, historyTarget.period)
              : undefined
          }
        />
      )}
      {settings.overlays}
      <NoticeArea notices={props.notices} onDismiss={props.onDismiss} />
    </div>
  )
}
