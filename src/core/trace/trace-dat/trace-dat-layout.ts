/**
 * The metadata of a trace-cmd trace.dat file, versions 6 and 7 (trace-cmd.dat.v6(5),
 * trace-cmd.dat.v7(5)): byte order, page size, the ring-buffer page and event header layouts,
 * the event formats, the saved command lines (pid → name) and where each CPU's data is.
 *
 * Version 6 is sequential: header, header_page, header_event, ftrace formats, event formats,
 * kallsyms, printk formats, command lines, CPU count, options, then `flyrecord` and an
 * (offset, size) pair per CPU. Version 7 is made of sections (id, flags, description, size;
 * compressed sections start with their compressed and uncompressed sizes) found through
 * options sections, a chain starting at the offset after the header; the BUFFER option says
 * where each CPU's data is (trace-cmd writes it after the data).
 */
import type { ByteSource } from './byte-source';
import { ByteCursor, memoryCursor, TruncatedError } from './byte-cursor';
import { parseEventFormat, type EventFormat } from './event-format';
import { canDecompress, decompressBlock } from './decompress';

/** The magic bytes trace.dat starts with: 0x17 0x08 0x44 then "tracing". */
export const TRACE_DAT_MAGIC = [0x17, 0x08, 0x44, 0x74, 0x72, 0x61, 0x63, 0x69, 0x6e, 0x67] as const;

/** Whether `bytes` starts with {@link TRACE_DAT_MAGIC} (false when shorter). */
export function isTraceDat(bytes: Uint8Array): boolean {
  return bytes.length >= TRACE_DAT_MAGIC.length && TRACE_DAT_MAGIC.every((b, i) => bytes[i] === b);
}

/** Where the ring-buffer page's header fields are (from the stored header_page format). */
export interface PageLayout {
  timestampOffset: number;
  commitOffset: number;
  /** 4 or 8 bytes (the kernel's long). */
  commitSize: number;
  dataOffset: number;
}

export interface CpuData {
  cpu: number;
  /** File offset and size in bytes of the CPU's data (compressed size when compressed). */
  offset: number;
  size: number;
}

export interface TraceDatLayout {
  version: number;
  littleEndian: boolean;
  /** Bytes per page of the ring buffer. */
  pageSize: number;
  /** 'none' or the algorithm's name. */
  compression: string;
  /** Whether the CPU data is stored in compressed chunks. */
  compressedData: boolean;
  page: PageLayout;
  /** Event formats by id. */
  formats: Map<number, EventFormat>;
  /** Saved command lines: pid → name. */
  cmdlines: Map<number, string>;
  cpus: CpuData[];
  /** The trace clock (`local`, `global`, `x86-tsc`, …), '' when not recorded. */
  clock: string;
  /** Added to every timestamp (the OFFSET option), ns. */
  offsetNs: bigint;
  /** Things read but not used, said to the user (other instances, latency data). */
  notes: string[];
}

const OPTION = { done: 0, buffer: 3, traceClock: 4, offset: 7, headerInfo: 16, ftraceEvents: 17, eventFormats: 18, cmdlines: 21, bufferText: 22 } as const;

/** Reads the metadata; a message when the file is not a trace.dat this reader can read. */
export async function readTraceDatLayout(source: ByteSource): Promise<TraceDatLayout | string> {
  try {
    return await readLayout(source);
  } catch (error) {
    if (error instanceof TruncatedError) return `trace.dat is cut short: ${error.message}`;
    throw error;
  }
}

async function readLayout(source: ByteSource): Promise<TraceDatLayout | string> {
  const head = await source.read(0, 64);
  if (!isTraceDat(head)) return 'not a trace.dat file (no 0x17 0x08 0x44 "tracing" magic)';
  let c = new ByteCursor(source, TRACE_DAT_MAGIC.length, true);
  const version = Number(await c.cString());
  if (version !== 6 && version !== 7) return `trace.dat version ${version} is not supported (versions 6 and 7 are)`;
  const littleEndian = (await c.u8()) === 0;
  await c.u8(); // bytes per user-space long: not needed (the kernel's long size is in header_page)
  const pos = c.pos;
  c = new ByteCursor(source, pos, littleEndian);
  const layout: TraceDatLayout = {
    version,
    littleEndian,
    pageSize: await c.u32(),
    compression: 'none',
    compressedData: false,
    page: { timestampOffset: 0, commitOffset: 8, commitSize: 8, dataOffset: 16 },
    formats: new Map(),
    cmdlines: new Map(),
    cpus: [],
    clock: '',
    offsetNs: 0n,
    notes: [],
  };
  if (layout.pageSize < 64 || layout.pageSize > MAX_PAGE_SIZE) return `trace.dat: a page size of ${layout.pageSize} bytes is not a ring buffer's`;
  let read: TraceDatLayout | string;
  if (version === 6) read = await readV6(c, layout);
  else {
    layout.compression = await c.cString();
    await c.cString(); // compression version
    if (!canDecompress(layout.compression)) return `trace.dat is compressed with ${layout.compression}, which Reaperscope cannot read (zstd and uncompressed files are read)`;
    read = await readV7(source, c, layout);
  }
  if (typeof read === 'string') return read;
  const p = read.page;
  if ((p.commitSize !== 4 && p.commitSize !== 8) || p.timestampOffset + 8 > read.pageSize || p.commitOffset + p.commitSize > read.pageSize || p.dataOffset >= read.pageSize) {
    return 'trace.dat: the stored header_page does not describe a ring buffer page this reader knows';
  }
  return read;
}

/** Largest ring-buffer page accepted, bytes (the kernel's sub-buffers go up to a few MiB). */
const MAX_PAGE_SIZE = 1 << 26;

async function readV6(c: ByteCursor, layout: TraceDatLayout): Promise<TraceDatLayout | string> {
  const headers = await readHeaderInfo(c, layout);
  if (headers) return headers;
  await readFormats(c, layout, 'ftrace');
  const systems = await c.u32();
  for (let s = 0; s < systems; s++) await readFormats(c, layout, await c.cString());
  c.skip(await c.u32()); // kallsyms
  c.skip(await c.u32()); // trace_printk formats
  readCmdlines(new TextDecoder().decode(await c.bytes(await c.u64())), layout);
  const cpuCount = await c.u32();
  let tag = await c.bytes(10);
  if (latin1(tag) === 'options  \0') {
    for (;;) {
      const id = await c.u16();
      if (id === OPTION.done) break;
      const size = await c.u32();
      const data = await c.bytes(size);
      if (id === OPTION.buffer) layout.notes.push(`the trace instance '${latin1(data.subarray(8)).replace(/\0.*$/s, '')}' is not read (only the top instance is)`);
      else readSimpleOption(id, data, layout);
    }
    tag = await c.bytes(10);
  }
  const kind = latin1(tag);
  if (kind === 'latency  \0') return 'this trace.dat holds latency tracer text, not per-CPU event data (read its `trace-cmd report` text instead)';
  if (kind !== 'flyrecord\0') return `trace.dat: expected the flyrecord section, found '${kind.replace(/\0/g, '')}'`;
  for (let cpu = 0; cpu < cpuCount; cpu++) layout.cpus.push({ cpu, offset: await c.u64(), size: await c.u64() });
  return layout;
}

async function readV7(source: ByteSource, c: ByteCursor, layout: TraceDatLayout): Promise<TraceDatLayout | string> {
  let next = await c.u64();
  const seen = new Set<number>();
  let buffer: { offset: number; cpus: CpuData[] } | null = null;
  while (next !== 0 && !seen.has(next)) {
    seen.add(next);
    const options = await section(source, next, layout);
    if (typeof options === 'string') return options;
    next = 0;
    for (;;) {
      const id = await options.u16();
      const size = await options.u32();
      if (id === OPTION.done) {
        next = size >= 8 ? await options.u64() : 0;
        break;
      }
      const data = await options.bytes(size);
      const d = memoryCursor(data, layout.littleEndian);
      if (id === OPTION.buffer) {
        const offset = await d.u64();
        const name = await d.cString();
        const clock = await d.cString();
        if (name !== '') {
          layout.notes.push(`the trace instance '${name}' is not read (only the top instance is)`);
          continue;
        }
        layout.clock = clock;
        await d.u32(); // page size (the header's)
        const count = await d.u32();
        const cpus: CpuData[] = [];
        for (let i = 0; i < count; i++) cpus.push({ cpu: await d.u32(), offset: await d.u64(), size: await d.u64() });
        buffer = { offset, cpus };
      } else if (id === OPTION.headerInfo || id === OPTION.ftraceEvents || id === OPTION.eventFormats || id === OPTION.cmdlines) {
        const body = await section(source, await d.u64(), layout);
        if (typeof body === 'string') return body;
        if (id === OPTION.headerInfo) {
          const bad = await readHeaderInfo(body, layout);
          if (bad) return bad;
        } else if (id === OPTION.ftraceEvents) await readFormats(body, layout, 'ftrace');
        else if (id === OPTION.eventFormats) {
          const systems = await body.u32();
          for (let s = 0; s < systems; s++) await readFormats(body, layout, await body.cString());
        } else readCmdlines(new TextDecoder().decode(await body.bytes(await body.u64())), layout);
      } else if (id === OPTION.bufferText) layout.notes.push('the latency tracer text in this file is not read');
      else readSimpleOption(id, data, layout);
    }
  }
  if (!buffer) return 'trace.dat (version 7) has no BUFFER option for the top instance: no per-CPU event data';
  const flyrecord = await sectionHeader(source, buffer.offset, layout.littleEndian);
  layout.compressedData = (flyrecord.flags & 1) !== 0;
  layout.cpus = buffer.cpus;
  return layout;
}

/** Section header (trace-cmd.dat.v7(5)): id, flags (1 = compressed), description string id, size. */
async function sectionHeader(source: ByteSource, offset: number, littleEndian: boolean): Promise<{ id: number; flags: number; size: number; dataAt: number }> {
  const c = new ByteCursor(source, offset, littleEndian);
  const id = await c.u16();
  const flags = await c.u16();
  await c.u32();
  const size = await c.u64();
  return { id, flags, size, dataAt: c.pos };
}

/** A cursor over the section's (decompressed) data. */
async function section(source: ByteSource, offset: number, layout: TraceDatLayout): Promise<ByteCursor | string> {
  const h = await sectionHeader(source, offset, layout.littleEndian);
  if ((h.flags & 1) === 0) return new ByteCursor(source, h.dataAt, layout.littleEndian);
  const c = new ByteCursor(source, h.dataAt, layout.littleEndian);
  const packed = await c.u32();
  const size = await c.u32();
  const data = decompressBlock(layout.compression, await c.bytes(packed), size);
  return data ? memoryCursor(data, layout.littleEndian) : `trace.dat: section ${h.id} at byte ${offset} does not decompress (${layout.compression})`;
}

async function readHeaderInfo(c: ByteCursor, layout: TraceDatLayout): Promise<string | null> {
  if (latin1(await c.bytes(12)) !== 'header_page\0') return 'trace.dat: header_page not found where the format puts it';
  const page = latin1(await c.bytes(await c.u64()));
  if (latin1(await c.bytes(13)) !== 'header_event\0') return 'trace.dat: header_event not found where the format puts it';
  c.skip(await c.u64()); // the event header layout: the kernel's fixed one (5-bit type_len, 27-bit delta)
  const field = (name: string): { offset: number; size: number } | null => {
    const m = new RegExp(`field:[^;]*\\b${name};\\s*offset:(\\d+);\\s*size:(\\d+);`).exec(page);
    return m ? { offset: Number(m[1]), size: Number(m[2]) } : null;
  };
  const ts = field('timestamp');
  const commit = field('commit');
  const data = field('data');
  if (ts && commit && data) layout.page = { timestampOffset: ts.offset, commitOffset: commit.offset, commitSize: commit.size, dataOffset: data.offset };
  return null;
}

async function readFormats(c: ByteCursor, layout: TraceDatLayout, system: string): Promise<void> {
  const count = await c.u32();
  for (let i = 0; i < count; i++) {
    const format = parseEventFormat(latin1(await c.bytes(await c.u64())), system);
    if (format) layout.formats.set(format.id, format);
  }
}

function readCmdlines(text: string, layout: TraceDatLayout): void {
  for (const line of text.split('\n')) {
    const m = /^(\d+) (.*)$/.exec(line);
    if (m) layout.cmdlines.set(Number(m[1]), m[2]!);
  }
}

function readSimpleOption(id: number, data: Uint8Array, layout: TraceDatLayout): void {
  const text = latin1(data).replace(/\0.*$/s, '').trim();
  if (id === OPTION.traceClock) layout.clock = /\[(\w[\w-]*)\]/.exec(text)?.[1] ?? layout.clock;
  else if (id === OPTION.offset && /^-?\d+$/.test(text)) layout.offsetNs = BigInt(text);
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
