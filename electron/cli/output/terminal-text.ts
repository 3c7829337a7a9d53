// Text from posts, accounts and platforms' error messages is not ours: an ESC or OSC sequence in it would drive
// the user's terminal (clear the screen, retitle the window, plant a disguised link). Every control character, and
// the Unicode controls that reorder what a line shows, are printed as visible escapes instead. `--json` output is
// JSON-escaped and needs none of this.

// C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate controls.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One character as `\xHH` or `\uHHHH`. */
function visible(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** For multi-line output: line breaks and tabs stay, every other control becomes visible. */
export function terminalText(text: string): string {
  return text.replace(CONTROLS, (character) => (character === '\n' || character === '\t' ? character : visible(character)));
}

/** For one table cell or one line: every control becomes visible, line breaks too. */
export function terminalLine(text: string): string {
  return text.replace(CONTROLS, visible);
}
