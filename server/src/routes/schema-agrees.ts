import type { FromSchema, JSONSchema } from 'json-schema-to-ts'

/** The type a route schema describes, as the routes' type provider (json-schema-to-ts) derives it. */
export type SchemaType<Schema extends JSONSchema> = FromSchema<Schema>

/**
 * `true` when a schema's type and a wire type from `shared` agree: each is assignable to the
 * other, and every object in them has the same keys, optional ones included (mutual
 * assignability alone would miss an optional field the schema lacks, which the serializer then
 * drops). Otherwise a message saying where they part. Used with {@link Agreed}, so that a field
 * added to one and not the other fails to compile:
 * `export type EpochAnswerAgrees = Agreed<SchemaAgrees<typeof answer, EpochChangeAnswer>>`.
 */
export type SchemaAgrees<Schema extends JSONSchema, Wire> = [FromSchema<Schema>] extends [Wire]
  ? [Wire] extends [FromSchema<Schema>]
    ? SameKeys<FromSchema<Schema>, Wire> extends true
      ? true
      : 'an object in the schema and the wire type has different optional fields'
    : 'the wire type has a field or a value the schema does not describe'
  : 'the schema describes a field or a value the wire type does not have'

/** Compiles only when `Check` is `true`. */
export type Agreed<Check extends true> = Check

/** Whether every object type in `A` and `B` (mutually assignable) has the same keys. */
type SameKeys<A, B> = [A] extends [readonly (infer ItemA)[]]
  ? [B] extends [readonly (infer ItemB)[]]
    ? SameKeys<ItemA, ItemB>
    : false
  : [A] extends [Primitive]
    ? true
    : [A] extends [object]
      ? [B] extends [object]
        ? [Keys<A>] extends [Keys<B>]
          ? [Keys<B>] extends [Keys<A>]
            ? false extends {
                [K in keyof A]-?: SameKeys<Defined<A[K]>, Defined<B[K & keyof B]>>
              }[keyof A]
              ? false
              : true
            : false
          : false
        : false
      : true

/** Keys as strings: `Record<string, T>` has `string`, `{ [x: string]: T }` has `string | number`. */
type Keys<T> = keyof T extends infer K ? (K extends number ? `${K}` : K) : never
type Primitive = string | number | boolean | bigint | symbol | null | undefined
type Defined<T> = NonNullable<T>
