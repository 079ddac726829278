/**
 * Renders an event's fields as text the way its `print fmt` line says (what
 * /sys/kernel/tracing/trace and `trace-cmd report` print), for the formats made only of
 * `%d %i %u %x %s %c` conversions (with l/ll/L/h length, flags `-0` and a width) over
 * `REC->field` (optionally cast to an integer type) and `__get_str(field)` arguments. Any other format (helpers such as
 * `__print_flags`, expressions) falls back to `name=value` for every field.
 */
import type { EventFormat, FieldFormat } from './event-format';
import { fieldBigInt, fieldString, type RecordRef } from './record-fields';

type Part =
  | { text: string }
  | { field: FieldFormat; conversion: string; width: number; zero: boolean; left: boolean };

export type FieldRenderer = (r: RecordRef) => string;

/** A renderer for the event's records: its print fmt when understood, else `name=value` pairs. */
export function fieldRenderer(format: EventFormat): FieldRenderer {
  const parts = parsePrintFmt(format);
  if (parts) return (r) => parts.map((p) => ('text' in p ? p.text : renderConversion(r, p))).join('');
  return (r) => format.fields.map((f) => `${f.name}=${f.isString ? fieldString(r, f) : String(fieldBigInt(r, f))}`).join(' ');
}

function renderConversion(r: RecordRef, p: Exclude<Part, { text: string }>): string {
  let s: string;
  if (p.conversion === 's') s = p.field.isString ? fieldString(r, p.field) : String(fieldBigInt(r, p.field));
  else {
    let v = fieldBigInt(r, p.field);
    const bits = BigInt(p.field.size * 8);
    if (p.conversion === 'd' || p.conversion === 'i') v = BigInt.asIntN(Number(bits), v);
    else v = BigInt.asUintN(Number(bits), v);
    s = p.conversion === 'x' ? v.toString(16) : p.conversion === 'c' ? String.fromCharCode(Number(v & 0xffn)) : v.toString();
  }
  if (s.length >= p.width) return s;
  if (p.left) return s.padEnd(p.width);
  if (p.zero && p.conversion !== 's') return s.startsWith('-') ? `-${s.slice(1).padStart(p.width - 1, '0')}` : s.padStart(p.width, '0');
  return s.padStart(p.width);
}

const CONVERSION = /^%([-0]*)(\d*)(hh|h|ll|l|L|z)?([diuxsc])/;

/** The parts of the print fmt, or null when it uses anything not understood. */
export function parsePrintFmt(format: EventFormat): Part[] | null {
  const fmt = format.printFmt;
  if (!fmt.startsWith('"')) return null;
  let i = 1;
  let literal = '';
  const raw: (string | { flags: string; width: string; conversion: string })[] = [];
  for (; i < fmt.length && fmt[i] !== '"'; i++) {
    const c = fmt[i]!;
    if (c === '\\') {
      const e = fmt[++i];
      literal += e === 'n' ? '\n' : e === 't' ? '\t' : e ?? '';
    } else if (c === '%') {
      if (fmt[i + 1] === '%') {
        literal += '%';
        i++;
        continue;
      }
      const m = CONVERSION.exec(fmt.slice(i));
      if (!m) return null;
      if (literal) raw.push(literal);
      literal = '';
      raw.push({ flags: m[1]!, width: m[2]!, conversion: m[4]! });
      i += m[0].length - 1;
    } else literal += c;
  }
  if (literal) raw.push(literal);
  const args = splitArgs(fmt.slice(i + 1));
  const conversions = raw.filter((p) => typeof p !== 'string').length;
  if (!args || args.length !== conversions) return null;
  const byName = new Map(format.fields.map((f) => [f.name, f]));
  let a = 0;
  const parts: Part[] = [];
  for (const p of raw) {
    if (typeof p === 'string') {
      parts.push({ text: p });
      continue;
    }
    const arg = args[a++]!;
    const m = /^(?:\((?:unsigned |signed )?(?:long long|long|int|short|char|u64|s64|u32|s32)\)\s*)?(?:REC->(\w+)|__get_str\((\w+)\))$/.exec(arg);
    const field = m ? byName.get(m[1] ?? m[2]!) : undefined;
    if (!field) return null;
    parts.push({ field, conversion: p.conversion, width: p.width ? Number(p.width) : 0, zero: p.flags.includes('0'), left: p.flags.includes('-') });
  }
  return parts;
}

/** `, a, b(c, d), e` → ['a', 'b(c, d)', 'e']; null when brackets do not balance. */
function splitArgs(rest: string): string[] | null {
  const s = rest.trim();
  if (s === '') return [];
  if (!s.startsWith(',')) return null;
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of s.slice(1)) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth < 0) return null;
    if (c === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (depth !== 0) return null;
  out.push(current.trim());
  return out;
}
