// A filter button that opens a list of checkboxes; Esc or a click elsewhere closes it.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Icon } from '../../components/Icon';

export interface FilterOption<T extends string> {
  value: T;
  label: string;
  icon?: ReactNode;
}

interface FilterMenuProps<T extends string> {
  label: string;
  options: readonly FilterOption<T>[];
  selected: readonly T[];
  empty: string;
  onToggle: (value: T) => void;
  onClear: () => void;
}

export function FilterMenu<T extends string>({ label, options, selected, empty, onToggle, onClear }: FilterMenuProps<T>) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onPointer = (event: PointerEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="filter-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className={`button filter-button${selected.length > 0 ? ' is-active' : ''}`}
        aria-expanded={open}
        data-testid={`filter-${label.toLowerCase()}`}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
        {selected.length > 0 ? <span className="filter-count">{selected.length}</span> : null}
        <Icon name="chevronDown" size={16} />
      </button>
      {open ? (
        <div className="filter-popover" role="group" aria-label={label}>
          {options.length === 0 ? <p className="muted">{empty}</p> : null}
          {options.map((option) => (
            <label key={option.value} className="filter-option">
              <input type="checkbox" checked={selected.includes(option.value)} onChange={() => onToggle(option.value)} />
              {option.icon}
              <span>{option.label}</span>
            </label>
          ))}
          {selected.length > 0 ? (
            <button type="button" className="link-button" onClick={onClear}>
              Clear {label.toLowerCase()}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
