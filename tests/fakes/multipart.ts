/** One part of a multipart/form-data body as a fake platform received it. */
export interface FormPart {
  /** The form field name, e.g. payload_json or files[0]. */
  field: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/**
 * Parses a multipart/form-data body (RFC 7578) the way the platforms do, strictly enough that a
 * malformed upload fails the test: every part needs a Content-Disposition with a name.
 */
export function parseMultipart(body: Buffer, contentTypeHeader: string): FormPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('multipart body without its boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') break;
    at += 2; // CRLF after the boundary
    const headerEnd = body.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) throw new Error('multipart part without headers');
    const headers = body.subarray(at, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new Error('multipart body not closed');
    const data = body.subarray(headerEnd + 4, next - 2); // CRLF before the next boundary
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const field = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (field === undefined) throw new Error(`multipart part without a name: ${headers}`);
    parts.push({
      field,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? null,
      data: Buffer.from(data),
    });
    at = next;
  }
  return parts;
}
