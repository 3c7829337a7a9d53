// Asked when the user moves away from the composer with unsaved work: stay, leave and find it here again, or
// throw it away. Esc (the dialog's cancel) stays.
import { useModalDialog } from '../../lib/use-modal-dialog';

interface LeaveDialogProps {
  onStay: () => void;
  onKeep: () => void;
  onDiscard: () => void;
}

export function LeaveDialog({ onStay, onKeep, onDiscard }: LeaveDialogProps) {
  const dialog = useModalDialog();
  return (
    <dialog
      ref={dialog}
      className="leave-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      data-testid="leave-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id="leave-title" className="card-title">
        Leave without saving?
      </h2>
      <p id="leave-text">This post has changes that are not saved. If you leave, they stay on this computer and come back when you open it again.</p>
      <div className="leave-actions">
        <button type="button" className="button button-primary" autoFocus onClick={onStay}>
          Keep editing
        </button>
        <button type="button" className="button" onClick={onKeep}>
          Leave; keep the changes
        </button>
        <button type="button" className="button button-danger-quiet" onClick={onDiscard}>
          Discard the changes
        </button>
      </div>
    </dialog>
  );
}
