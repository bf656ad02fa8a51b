/** The answer of `POST /api/plans/:id/epoch`: the plan's new document epoch. */
export interface EpochChangeAnswer {
  documentEpoch: number
}
