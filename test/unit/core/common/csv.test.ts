// RFC 4180 section 2: fields with a comma, a double quote or a line break (CR or LF) are
// enclosed in double quotes, and a double quote inside is escaped by a second one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvField, csvRecord } from '../../../../src/core/common/csv';

test('fields that need no quotes are left as they are', () => {
  assert.equal(csvField('exitToReapNs.p99'), 'exitToReapNs.p99');
  assert.equal(csvField(''), '');
  assert.equal(csvField('µs ×2'), 'µs ×2');
});

test('a comma, a double quote, LF and CR each make the field quoted', () => {
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\r'), '"cr\r"');
  assert.equal(csvRecord(['key', 'a,"b"', '']), 'key,"a,""b""",');
});

/** Reads one RFC 4180 record back (the grammar of section 2, written for this test). */
function readRecord(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') { field += '"'; i += 2; } else if (line[i] === '"') { i++; break; } else field += line[i++];
      }
    } else {
      while (i < line.length && line[i] !== ',') field += line[i++];
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

test('any record reads back as its fields', () => {
  fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'µ') }), { minLength: 1, maxLength: 6 }), (fields) => {
    assert.deepEqual(readRecord(csvRecord(fields)), fields);
  }), { seed: 4180, numRuns: 500 });
});
