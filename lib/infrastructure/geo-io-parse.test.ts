import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { coreCountFromText, htmlToText, kindFromPrefix, kindFromWords, splitterRatioOf } from './geo-io-kind';
import { toImportRows } from './geo-io-parse';
import { GeoFileError, KML_MAX_TAGS, KMZ_MAX_UNPACKED, readGeoFile } from './geo-io-read';

const bytes = (text: string) => new TextEncoder().encode(text);
const rowsOf = (text: string, fallback: 'odp' | 'pole' = 'odp') =>
  toImportRows(readGeoFile(bytes(text)).features, fallback);
const fileError = (input: Uint8Array) => {
  try {
    readGeoFile(input);
  } catch (error) {
    assert.ok(error instanceof GeoFileError);
    return error.code;
  }
  assert.fail('expected the file to be refused');
};

const kml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;
const placemark = (name: string, coords: string, extra = '') =>
  `<Placemark><name>${name}</name>${extra}${coords.includes(' ') ? `<LineString><coordinates>${coords}</coordinates></LineString>` : `<Point><coordinates>${coords}</coordinates></Point>`}</Placemark>`;

describe('kind words', () => {
  test('folder names and prefixes in Indonesian and English', () => {
    assert.equal(kindFromWords('Tiang Listrik'), 'pole');
    assert.equal(kindFromWords('Data ODP Cluster Melati'), 'odp');
    assert.equal(kindFromWords('KABEL FEEDER'), 'cable');
    assert.equal(kindFromWords('Rumah warga'), null);
    assert.equal(kindFromPrefix('ODC-03'), 'odc');
    assert.equal(kindFromPrefix('olt_pusat'), 'olt');
    // Only the first word counts as a prefix.
    assert.equal(kindFromPrefix('Rumah dekat ODP'), null);
  });

  test('splitter ratios, core counts and HTML descriptions', () => {
    assert.equal(splitterRatioOf('1/16'), '1:16');
    assert.equal(splitterRatioOf('8'), '1:8');
    assert.equal(splitterRatioOf('1:3'), null);
    assert.equal(coreCountFromText('Kabel FO 24 core'), 24);
    assert.equal(
      htmlToText('<div>Tiang besi<br>dekat <b>masjid</b> &amp; pos ronda</div>'),
      'Tiang besi\ndekat masjid & pos ronda',
    );
    assert.equal(htmlToText('a < b'), 'a < b');
    assert.equal(htmlToText('Kunci:<br><br>di pos<br><br><br><br>ronda<br>'), 'Kunci:\n\ndi pos\n\nronda');
  });
});

describe('reading files', () => {
  test('GeoJSON points and lines with their properties', () => {
    const rows = rowsOf(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [107.61, -6.91] },
            properties: {
              kind: 'odp',
              code: 'ODP-01',
              name: 'Depan masjid',
              total_ports: 16,
              splitterRatio: '1:16',
              odcCode: 'ODC-1',
            },
          },
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [107.6, -6.9] },
            properties: { jenis: 'ODC', kode: 'ODC-1', nama: 'Kabinet 1', kapasitas: '48' },
          },
          {
            type: 'Feature',
            geometry: {
              type: 'LineString',
              coordinates: [
                [107.6, -6.9],
                [107.61, -6.91],
              ],
            },
            properties: { name: 'KBL-1', cableType: 'feeder', coreCount: 48 },
          },
        ],
      }),
    );
    assert.deepEqual(
      rows.map((r) => [r.kind, r.code, r.error]),
      [
        ['odp', 'ODP-01', null],
        ['odc', 'ODC-1', null],
        ['cable', 'KBL-1', null],
      ],
    );
    assert.deepEqual(
      [rows[0]!.latitude, rows[0]!.longitude, rows[0]!.totalPorts, rows[0]!.splitterRatio, rows[0]!.odcCode],
      [-6.91, 107.61, 16, '1:16', 'ODC-1'],
    );
    assert.equal(rows[1]!.capacity, 48);
    assert.deepEqual(rows[2]!.path, [
      [-6.9, 107.6],
      [-6.91, 107.61],
    ]);
    assert.deepEqual([rows[2]!.cableType, rows[2]!.coreCount], ['feeder', 48]);
  });

  test('a Google Earth KML: kinds from folders, then name prefixes, then the default', () => {
    const rows = rowsOf(
      kml(`
        <Folder><name>ODP</name>${placemark('Depan masjid', '107.61,-6.91,0', '<description><![CDATA[<b>16 port</b><br/>Tiang PLN]]></description>')}</Folder>
        <Folder><name>Kabel</name>${placemark('FO 24 core jalan utama', '107.6,-6.9,0 107.61,-6.91,0')}${placemark('Tiang 7', '107.605,-6.905,0')}</Folder>
        ${placemark('ODC-Melati', '107.62,-6.92')}
        ${placemark('Titik tanpa keterangan', '107.63,-6.93')}`),
      'pole',
    );
    assert.deepEqual(
      rows.map((r) => [r.kind, r.code]),
      [
        ['odp', 'Depan masjid'],
        ['cable', 'FO 24 core jalan utama'],
        ['pole', 'Tiang 7'],
        ['odc', 'ODC-Melati'],
        ['pole', 'Titik tanpa keterangan'],
      ],
    );
    assert.equal(rows[0]!.notes, '16 port\nTiang PLN');
    assert.equal(rows[1]!.coreCount, 24);
    assert.ok(rows.every((r) => r.error === null));
  });

  test('a KMZ is read through its doc.kml', () => {
    const kmz = zipSync({
      'doc.kml': bytes(kml(placemark('ODP-9', '107.61,-6.91'))),
      'files/icon.png': new Uint8Array([1, 2, 3]),
    });
    const { format, features } = readGeoFile(kmz);
    assert.equal(format, 'kmz');
    assert.equal(toImportRows(features, 'odp')[0]!.code, 'ODP-9');
  });

  test('rows that cannot be saved say why', () => {
    const rows = rowsOf(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [-6.91, 107.61] },
            properties: { name: 'Tertukar' },
          },
          { type: 'Feature', geometry: { type: 'Point', coordinates: [107.61, -6.91] }, properties: {} },
          { type: 'Feature', geometry: { type: 'Point', coordinates: [107.61, -6.91] }, properties: { code: 'ODP-1' } },
          { type: 'Feature', geometry: { type: 'Point', coordinates: [107.62, -6.92] }, properties: { code: 'ODP-1' } },
          {
            type: 'Feature',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [107.6, -6.9],
                  [107.61, -6.9],
                  [107.61, -6.91],
                  [107.6, -6.9],
                ],
              ],
            },
            properties: { name: 'Area' },
          },
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [107.61, -6.91] },
            properties: { name: 'K', kind: 'kabel' },
          },
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [107.61, -6.91] },
            properties: { name: 'ODP-X', ports: 999 },
          },
        ],
      }),
    );
    assert.deepEqual(
      rows.map((r) => r.error?.code ?? null),
      ['outsideIndonesia', 'missingName', null, 'duplicateCode', 'geometry', 'pointCable', 'ports'],
    );
    assert.deepEqual(rows[3]!.error?.params, { line: 3 });
  });

  test('multi-part geometries become one row per part', () => {
    const rows = rowsOf(
      JSON.stringify({
        type: 'Feature',
        geometry: {
          type: 'MultiPoint',
          coordinates: [
            [107.6, -6.9],
            [107.61, -6.91],
          ],
        },
        properties: { code: 'TG' },
      }),
      'pole',
    );
    assert.deepEqual(
      rows.map((r) => [r.code, r.name]),
      [
        ['TG-1', 'TG (1)'],
        ['TG-2', 'TG (2)'],
      ],
    );
  });

  test('files that are not map data are refused with a reason', () => {
    assert.equal(fileError(new Uint8Array()), 'empty');
    assert.equal(fileError(bytes('   \n')), 'empty');
    assert.equal(fileError(bytes('nama,lat,lng\nODP,1,2')), 'unreadable');
    assert.equal(fileError(bytes('{"type": "FeatureCollection", ')), 'badJson');
    assert.equal(fileError(bytes('{"hello": 1}')), 'notGeo');
    assert.equal(fileError(bytes('<kml><Document><Placemark></kml>')), 'badXml');
    assert.equal(fileError(bytes('<html><body>hi</body></html>')), 'notGeo');
    assert.equal(fileError(bytes('{"type": "FeatureCollection", "features": []}')), 'noFeatures');
    assert.equal(fileError(zipSync({ 'readme.txt': bytes('x') })), 'kmzWithoutKml');
  });

  test('hostile files are refused instead of exhausting memory', () => {
    // A KMZ whose headers claim 100 bytes but which inflates past the cap: counted as inflated.
    const kmz = zipSync({ 'doc.kml': new Uint8Array(KMZ_MAX_UNPACKED + 1024 * 1024).fill(0x20) });
    const view = new DataView(kmz.buffer, kmz.byteOffset, kmz.byteLength);
    view.setUint32(22, 100, true);
    for (let i = kmz.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true);
        break;
      }
    }
    // (How fast the refusal comes is a figure, not an assertion: the suite has no timed checks.)
    assert.equal(fileError(kmz), 'tooLarge');
    // Millions of empty tags would take gigabytes as a DOM: refused before parsing.
    assert.equal(fileError(bytes(kml('<a/>'.repeat(KML_MAX_TAGS)))), 'tooMany');
    // Folders nested 100,000 deep overflow a recursive reader: a refusal, not a crash.
    assert.equal(
      fileError(
        bytes(kml(`${'<Folder>'.repeat(100_000)}${placemark('ODP-1', '107.6,-6.9')}${'</Folder>'.repeat(100_000)}`)),
      ),
      'unreadable',
    );
    // Entities are never expanded (no billion laughs) and never fetched (no XXE): the file is refused.
    const lol =
      '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">';
    assert.equal(
      fileError(bytes(`<?xml version="1.0"?><!DOCTYPE kml [${lol}]>${kml(placemark('&c;', '107.6,-6.9'))}`)),
      'badXml',
    );
    assert.equal(
      fileError(
        bytes(
          `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>${kml(placemark('&x;', '107.6,-6.9'))}`,
        ),
      ),
      'badXml',
    );
    // Nested geometry collections are not followed.
    const nested = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [107.6, -6.9] },
        { type: 'GeometryCollection', geometries: [] },
      ],
    };
    assert.deepEqual(
      rowsOf(JSON.stringify({ type: 'Feature', geometry: nested, properties: { code: 'G' } })).map(
        (r) => r.error?.code ?? null,
      ),
      [null, 'geometry'],
    );
  });
});
