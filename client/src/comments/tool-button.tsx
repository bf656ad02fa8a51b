import type { ReactNode } from 'react'

interface ToolButtonProps {
  title: string
  onPress: () => void
  children: ReactNode
  testId?: string
}

/** An editor toolbar button that acts on mouse down, so the editor keeps its selection. */
export function ToolButton({ title, onPress, children, testId }: ToolButtonProps) {
  return (
    <button
      type="button"
      title={title}
      aria-label={title}
      data-testid={testId}
      onMouseDown={(event) => {
        event.preventDefault()
        onPress()
      }}
    >
      {children}
    </button>
  )
}
