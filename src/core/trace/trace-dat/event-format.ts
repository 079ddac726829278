/**
 * The event format descriptions trace.dat stores (the kernel's
 * `/sys/kernel/tracing/events/SYSTEM/EVENT/format` files, trace-cmd.dat(5)): the event's name
 * and numeric id, each field's offset and size in the record, and the `print fmt` line.
 */

export interface FieldFormat {
  name: string;
  /** Byte offset in the record (after the ring buffer's event header). */
  offset: number;
  /** Bytes. */
  size: number;
  signed: boolean;
  /** A `char name[N]` array or a `__data_loc char[]` string. */
  isString: boolean;
  /**
   * `__data_loc`: the field holds (length << 16 | offset) of the data in the record;
   * `__rel_loc`: the same with the offset counted from the end of the field.
   */
  location: 'inline' | 'data_loc' | 'rel_loc';
}

export interface EventFormat {
  id: number;
  name: string;
  system: string;
  /** The fields after the common_* ones, in order. */
  fields: FieldFormat[];
  /** The text after `print fmt: `, '' when absent. */
  printFmt: string;
}

const FIELD = /^\s*field:(.+?);\s*offset:(\d+);\s*size:(\d+);(?:\s*signed:(\d+);)?/;

/** Parses one format file's text; null when it has no `name:` or `ID:` line. */
export function parseEventFormat(text: string, system: string): EventFormat | null {
  let name = '';
  let id = -1;
  let printFmt = '';
  const fields: FieldFormat[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('name: ')) name = line.slice(6).trim();
    else if (line.startsWith('ID: ')) id = Number(line.slice(4).trim());
    else if (line.startsWith('print fmt: ')) printFmt = line.slice(11).trim();
    else {
      const m = FIELD.exec(line);
      if (m) {
        const field = parseField(m[1]!, Number(m[2]), Number(m[3]), m[4] === '1');
        if (field && !field.name.startsWith('common_')) fields.push(field);
      }
    }
  }
  if (!name || !Number.isInteger(id) || id < 0) return null;
  return { id, name, system, fields, printFmt };
}

function parseField(declaration: string, offset: number, size: number, signed: boolean): FieldFormat | null {
  const decl = declaration.trim();
  const location = decl.startsWith('__data_loc ') ? 'data_loc' : decl.startsWith('__rel_loc ') ? 'rel_loc' : 'inline';
  const m = /([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*$/.exec(decl);
  if (!m) return null;
  const isArray = m[2] !== undefined || /\[\]/.test(decl);
  return { name: m[1]!, offset, size, signed, isString: isArray && /\bchar\b/.test(decl), location };
}

/** Fields by name, for the events Reaperscope maps to scheduler kinds. */
export function fieldsByName(format: EventFormat): Map<string, FieldFormat> {
  return new Map(format.fields.map((f) => [f.name, f]));
}
