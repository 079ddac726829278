/**
 * Reads a trace file for the CLI by streaming it in 1 MiB chunks into the core's chunked
 * reader (never the whole file as one string). `-` reads standard input.
 */
import { createReadStream, statSync } from 'node:fs';
import { InputError, type CliIo } from './command';
import { readTrace, type ReadTraceOptions, type TraceReadResult } from '../core/trace/trace-reader';

/** Reads `file`; bad input (missing file, not a trace) becomes an InputError naming the file and line. */
export async function readTraceFile(file: string, io: CliIo, options: ReadTraceOptions = {}): Promise<TraceReadResult> {
  let size: number | undefined;
  if (file !== '-') {
    try {
      const st = statSync(file);
      if (st.isDirectory()) throw new InputError(`${file}: is a directory, not a trace file`);
      size = st.size;
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  const chunks: AsyncIterable<Uint8Array> | Uint8Array[] =
    file === '-' ? [await io.readStdin()] : (createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>);
  const result = await readTrace(chunks, { totalBytes: size, ...options });
  if (result.kind === 'format-error') throw new InputError(`${file}:${result.line ?? 1}: ${result.message}`);
  return result;
}
