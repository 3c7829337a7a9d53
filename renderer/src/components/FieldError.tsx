// A message under the control it is about; `id` lets the control point at it with aria-describedby.
export function FieldError({ id, field, message }: { id: string; field: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-testid="field-error" data-field={field} role="alert">
      {message}
    </p>
  );
}
