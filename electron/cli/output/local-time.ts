// Instants are shown in this machine's time zone, with the offset so a copied line stays unambiguous.
import { format } from 'date-fns';

export function localTime(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format(date, 'yyyy-MM-dd HH:mm xxx');
}
