import { createContext } from 'react'

/** Lets the cell editor tell presence that I am typing. */
export const EditingContext = createContext<(editing: boolean) => void>(() => {})
