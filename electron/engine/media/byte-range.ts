// One HTTP byte range ("bytes=0-1023", "bytes=500-", "bytes=-500") of a stored file: a <video> asks for ranges to
// seek to its poster frame. Several ranges at once are answered whole (browsers do not ask that for media).

/** The range to send, 'unsatisfiable' (answer 416), or undefined for the whole file. */
export function byteRange(header: string | null | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const range = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!range || (range[1] === '' && range[2] === '')) return undefined;
  const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
