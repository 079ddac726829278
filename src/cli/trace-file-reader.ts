/**
 * Reads a trace file for the CLI by streaming it in 1 MiB chunks into the core's chunked
 * reader (never the whole file as one string). A trace.dat (found by its first bytes) is read
 * by file offset instead, through a file handle. `-` reads standard input.
 */
import { createReadStream, statSync } from 'node:fs';
import { InputError, type CliIo } from './command';
import { readTrace, type ReadTraceOptions, type TraceReadResult } from '../core/trace/trace-reader';
import type { FormatError } from '../core/common/diagnostic';
import { isTraceDat, TRACE_DAT_MAGIC } from '../core/trace/trace-dat/trace-dat-layout';
import { readTraceDat } from '../core/trace/trace-dat/trace-dat-reader';
import { openFileByteSource } from './file-byte-source';

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
  let result: TraceReadResult | FormatError;
  if (file !== '-' && (await startsAsTraceDat(file))) {
    const source = await openFileByteSource(file);
    try {
      result = await readTraceDat(source, options);
    } finally {
      await source.close();
    }
  } else {
    const chunks: AsyncIterable<Uint8Array> | Uint8Array[] =
      file === '-' ? [await io.readStdin()] : (createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>);
    result = await readTrace(chunks, { totalBytes: size, ...options });
  }
  if (result.kind === 'format-error') throw new InputError(`${file}:${result.line ?? 1}: ${result.message}`);
  return result;
}

async function startsAsTraceDat(file: string): Promise<boolean> {
  const source = await openFileByteSource(file);
  try {
    return isTraceDat(await source.read(0, TRACE_DAT_MAGIC.length));
  } finally {
    await source.close();
  }
}
