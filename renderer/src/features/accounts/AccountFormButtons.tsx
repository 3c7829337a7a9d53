// The buttons under an account form: submit, with a spinner while it runs, and Close when the form can be left.
export function AccountFormButtons({ submitLabel, busy, onClose }: { submitLabel: string; busy: boolean; onClose?: () => void }) {
  return (
    <div className="button-row">
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {submitLabel}
      </button>
      {onClose ? (
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      ) : null}
    </div>
  );
}
