interface FieldErrorProps {
  message: string | undefined
  testId: string
}

/** The error a request left on one field, shown right next to it. */
export function FieldError({ message, testId }: FieldErrorProps) {
  if (!message) return null
  return (
    <span className="error field-error" role="alert" data-testid={testId}>
      {message}
    </span>
  )
}
