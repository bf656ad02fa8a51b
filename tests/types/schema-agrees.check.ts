/**
 * Compile-time checks of `SchemaAgrees` (server/src/routes/schema-agrees.ts), run by
 * `pnpm typecheck`: the agreeing pairs compile, and each `@ts-expect-error` fails the build
 * if the check ever stops catching that disagreement.
 */
import type { AgendaItem, KeyFigures } from '@tandem/shared'
import { minutesSchema } from '../../server/src/routes/minutes-schema.js'
import type { Agreed, SchemaAgrees } from '../../server/src/routes/schema-agrees.js'

export const figures = minutesSchema.properties.figures
export const agendaItem = minutesSchema.properties.agenda.items
export const byId = { type: 'object', additionalProperties: { type: 'string' } } as const
export const rows = {
  type: 'object',
  required: ['rows'],
  additionalProperties: false,
  properties: {
    rows: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { note: { type: 'string' } },
      },
    },
  },
} as const

export type Agreeing = [
  Agreed<SchemaAgrees<typeof agendaItem, AgendaItem>>,
  Agreed<SchemaAgrees<typeof figures, KeyFigures>>,
  Agreed<SchemaAgrees<typeof byId, Record<string, string>>>,
  Agreed<SchemaAgrees<typeof rows, { rows: { note?: string }[] }>>,
]

export type OptionalFieldMissing = Agreed<
  // @ts-expect-error an optional field the schema lacks (the serializer would drop it)
  SchemaAgrees<typeof agendaItem, AgendaItem & { extra?: string }>
>
export type NestedFieldMissing = Agreed<
  // @ts-expect-error the same, in an array's items
  SchemaAgrees<typeof rows, { rows: { note?: string; at?: string }[] }>
>
export type RequiredFieldMissing = Agreed<
  // @ts-expect-error a required field the schema lacks
  SchemaAgrees<typeof figures, KeyFigures & { extra: number }>
>
export type ValueWider = Agreed<
  // @ts-expect-error the schema allows a value the wire type does not
  SchemaAgrees<typeof byId, Record<string, 'a' | 'b'>>
>
export type OptionalityDiffers = Agreed<
  // @ts-expect-error optional in the wire type, required in the schema
  SchemaAgrees<typeof rows, { rows?: { note?: string }[] }>
>
