/**
 * The example's parameter controls: a number field with its range, radio buttons for a named
 * choice, a checkbox for a boolean. Values are numbers throughout (a choice's index, 0 or 1), as
 * main receives them; see src/runtime/example-meta.ts.
 */
import type { ParamSpec } from './types.ts';
import { clampParam } from './params.ts';
import { formatNumber } from '../../runtime/format-number.ts';

interface Props {
  /** Prefix for the radio groups' names, unique on the page (the example's anchor). */
  anchor: string;
  specs: Record<string, ParamSpec>;
  values: Record<string, number>;
  disabled: boolean;
  onChange: (name: string, value: number) => void;
}

export function ParamsView({ anchor, specs, values, disabled, onChange }: Props) {
  const entries = Object.entries(specs);
  if (entries.length === 0) return null;
  return (
    <fieldset class="ex-params" disabled={disabled}>
      <legend>Parameters</legend>
      {entries.map(([name, spec]) => {
        const value = values[name] ?? spec.default;
        if (spec.kind === 'choice') {
          return (
            <fieldset class="ex-choice" key={name} data-param={name}>
              <legend>{spec.label}</legend>
              {spec.choices.map((c, i) => (
                <label key={c.name}>
                  <input type="radio" name={`${anchor}-${name}`} value={c.name} checked={value === i}
                    onChange={() => onChange(name, i)} />
                  {' '}{c.label}
                </label>
              ))}
            </fieldset>
          );
        }
        if (spec.kind === 'boolean') {
          return (
            <label key={name} class="ex-boolean">
              <input type="checkbox" name={name} checked={value !== 0}
                onChange={(e) => onChange(name, (e.currentTarget as HTMLInputElement).checked ? 1 : 0)} />
              <span>{spec.label}</span>
            </label>
          );
        }
        return (
          <label key={name}>
            <span>{spec.label}</span>
            <input type="number" name={name} min={spec.min} max={spec.max} step={spec.step} value={value}
              onChange={(e) => onChange(name, clampParam(spec, Number((e.currentTarget as HTMLInputElement).value)))} />
            <span class="ex-range">{formatNumber(spec.min)}–{formatNumber(spec.max)}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
