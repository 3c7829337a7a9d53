// Parses multipart/form-data the way a platform's server would, so a fake can check field names and file bytes.

export interface MultipartField {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The fields of a multipart body; throws when the body does not match the boundary in `contentType`. */
export function parseMultipart(body: Buffer, contentType: string): MultipartField[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) throw new Error('multipart body without boundary');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const fields: MultipartField[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw new Error('multipart boundary not found in body');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return fields;
    position += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd === -1) throw new Error('multipart part without header end');
    const headerText = body.subarray(position, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next === -1) throw new Error('multipart part without closing boundary');
    const data = body.subarray(headerEnd + 4, next - 2);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headerText)?.[1] ?? '';
    const name = /name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart part without name');
    const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
    const partType = /content-type:\s*([^\r\n]*)/i.exec(headerText)?.[1];
    fields.push({ name, data, ...(filename === undefined ? {} : { filename }), ...(partType === undefined ? {} : { contentType: partType.trim() }) });
    position = next;
  }
}
