import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeness } from '../../src/consolidate/completeness.js';
import { unitMatcher } from '../../src/consolidate/match-unit.js';
import { parseRoster, type Roster } from '../../src/consolidate/roster.js';
import { parseRosterSpec } from '../../src/consolidate/roster-spec.js';
import type { FileResult } from '../../src/pipeline/file-result.js';
import { grid, sheet } from '../helpers/grid.js';

const spec = parseRosterSpec(readFileSync(new URL('../../templates/roster-columns.json', import.meta.url), 'utf8'));

const roster = (rows: (string | number | undefined)[][]) => parseRoster(grid(sheet('DS', rows)), spec);

describe('parseRoster', () => {
  it('finds columns by Vietnamese headers, ignores STT, reads yes/no', () => {
    const parsed = roster([
      ['DANH SÁCH ĐƠN VỊ'],
      ['STT', 'Tên đơn vị', 'Mã đơn vị', 'Loại đơn vị', 'Có học sinh'],
      [1, 'Trường THPT Trần Phú', 'TP', 'Khối THPT', 'x'],
      [2, 'Sở Tư pháp', 'STP', 'Sở, ngành', 'không'],
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.roster!.units).toEqual([
      { name: 'Trường THPT Trần Phú', code: 'TP', group: 'Khối THPT', hasStudents: true, contact: null, row: 3 },
      { name: 'Sở Tư pháp', code: 'STP', group: 'Sở, ngành', hasStudents: false, contact: null, row: 4 },
    ]);
    expect(parsed.roster!.hasGroups).toBe(true);
  });

  it('finds columns by English headers', () => {
    const parsed = roster([['name', 'code', 'group', 'has students'], ['Sở Tư pháp', 'STP', undefined, 'no']]);
    expect(parsed.roster!.units[0]).toMatchObject({ name: 'Sở Tư pháp', hasStudents: false, group: null });
    expect(parsed.roster!.hasGroups).toBe(false);
  });

  it('refuses a roster without a name column, naming the columns it saw', () => {
    expect(roster([['STT', 'Mã'], [1, 'A']]).problems).toEqual([{ code: 'roster-no-name-column', headers: ['STT', 'Mã'] }]);
  });

  it('refuses duplicate names, even written differently', () => {
    expect(roster([['Tên đơn vị'], ['Trường THPT Trần Phú'], ['THPT Trần Phú'], ['Sở Y tế']]).problems).toEqual([
      { code: 'roster-duplicate-unit', name: 'Trường THPT Trần Phú', rows: [2, 3] },
    ]);
  });

  it('refuses an empty roster', () => {
    expect(roster([['Tên đơn vị']]).problems).toEqual([{ code: 'roster-empty' }]);
  });
});

describe('unit matching', () => {
  const city = roster([
    ['Tên đơn vị'],
    ['Trường THPT Trần Phú'],
    ['Phòng GD&ĐT quận Lê Chân'],
    ['UBND quận Lê Chân'],
    ['Sở Tư pháp'],
    ['Trung tâm GDNN-GDTX quận Hải An'],
    ['Trường Đại học Hải Phòng'],
  ]).roster!;
  const matcher = unitMatcher(city, spec);

  it.each([
    ['THPT Trần Phú', 'Trường THPT Trần Phú'],
    ['Trường Trung học phổ thông Trần Phú', 'Trường THPT Trần Phú'],
    ['TRƯỜNG THPT TRẦN PHÚ', 'Trường THPT Trần Phú'],
    ['THPT Tran Phu', 'Trường THPT Trần Phú'],
    ['Phòng Giáo dục và Đào tạo quận Lê Chân', 'Phòng GD&ĐT quận Lê Chân'],
    ['UBND QUẬN LÊ CHÂN – PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', 'Phòng GD&ĐT quận Lê Chân'],
    ['SỞ TƯ PHÁP', 'Sở Tư pháp'],
    ['UBND QUẬN HẢI AN – TRUNG TÂM GDNN-GDTX QUẬN HẢI AN', 'Trung tâm GDNN-GDTX quận Hải An'],
    ['Trường ĐH Hải Phòng', 'Trường Đại học Hải Phòng'],
  ])('"%s" is certainly %s', (hint, name) => {
    expect(matcher.match([hint])).toMatchObject({ kind: 'certain', unit: { name } });
  });

  it('a close name is an uncertain match, never a certain one', () => {
    expect(matcher.match(['Trường THPT Trần Phú Hải Phòng cơ sở 2'])).toMatchObject({ kind: 'certain' });
    expect(matcher.match(['THPT Trần Phũ'])).toMatchObject({ kind: 'uncertain', unit: { name: 'Trường THPT Trần Phú' } });
  });

  it('no match for a unit the roster lacks', () => {
    expect(matcher.match(['Sở Xây dựng'])).toEqual({ kind: 'none' });
  });

  it('tries hints in order: the first certain one wins', () => {
    expect(matcher.match(['Báo cáo tháng 4', 'Sở Tư pháp'])).toMatchObject({ kind: 'certain', unit: { name: 'Sở Tư pháp' }, hint: 'Sở Tư pháp' });
  });
});

describe('completeness', () => {
  const r: Roster = roster([['Tên đơn vị'], ['A'], ['B'], ['C'], ['D']]).roster!;
  const file = (name: string, rosterUnit: string | null, status: FileResult['status'], extra: Partial<FileResult> = {}): FileResult => ({
    file: name,
    status,
    format: 'xlsx',
    unit: rosterUnit ?? 'X',
    unitHints: [],
    rosterUnit,
    supersededBy: null,
    documentDate: null,
    modifiedAt: null,
    sha256: null,
    tables: {},
    diagnostics: [],
    counts: { error: 0, warning: 0, info: 0 },
    ...extra,
  });

  it('counts expected, submitted, accepted, rejected, missing and late', () => {
    const c = completeness(
      r,
      [
        file('a1.xlsx', 'A', 'accepted', { supersededBy: 'a2.xlsx', documentDate: '2024-04-20' }),
        file('a2.xlsx', 'A', 'warning', { documentDate: '2024-04-26' }),
        file('b.xlsx', 'B', 'rejected', { documentDate: '2024-04-21' }),
        file('x.xlsx', null, 'accepted'),
      ],
      '2024-04-24',
    );
    expect(c).toMatchObject({ expected: 4, submitted: 2, accepted: 1, rejected: 1, missing: ['C', 'D'], rejectedUnits: ['B'], notInRoster: ['X'], late: ['A'] });
    expect(c.reportingRate).toBe(0.25);
    expect(c.units[0]).toMatchObject({ state: 'warning', file: 'a2.xlsx', superseded: ['a1.xlsx'], date: '2024-04-26', dateSource: 'document', onTime: false });
    expect(c.units[1]).toMatchObject({ state: 'rejected', onTime: true });
  });
});
