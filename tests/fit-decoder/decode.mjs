// Decodes FIT files with Garmin's official JavaScript SDK and prints one JSON object:
// { "<file>": { isFIT, integrity, errors: [...], messages: {...} }, ... }
// Enum fields stay numbers (convertTypesToStrings: false) so tests compare with FIT profile values.
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node decode.mjs FILE.fit [FILE.fit ...]');
  process.exit(2);
}

const result = {};
for (const file of files) {
  const bytes = readFileSync(file);
  const stream = Stream.fromBuffer(bytes);
  const isFIT = Decoder.isFIT(stream);
  const decoder = new Decoder(stream);
  const integrity = decoder.checkIntegrity();
  const { messages, errors } = decoder.read({
    applyScaleAndOffset: true,
    expandSubFields: true,
    expandComponents: true,
    convertTypesToStrings: false,
    convertDateTimesToDates: true,
    includeUnknownData: false,
    mergeHeartRates: true,
  });
  result[file] = { isFIT, integrity, errors: errors.map(e => String(e?.message ?? e)), messages };
}

process.stdout.write(JSON.stringify(result));
