// A labelled drop-down of fixed choices, each a value and the words it reads as.
interface ChoiceFieldProps<V extends string> {
  id: string;
  label: string;
  value: V;
  choices: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
}

export function ChoiceField<V extends string>({ id, label, value, choices, onChange }: ChoiceFieldProps<V>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as V)}>
        {choices.map(([choice, words]) => (
          <option key={choice} value={choice}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}
