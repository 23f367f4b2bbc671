import { describe, expect, it } from 'vitest';
import { defaultRules } from './defaults.ts';
import { QualityReport, samplePiKind } from './report.ts';
import { compileColumnRules } from './rules.ts';
import { element } from './test-helpers.ts';

const COLUMNS = [
  { name: '姓名', piKind: 'name' },
  { name: '性别代码', piKind: null },
  { name: '公民身份号码', piKind: 'id_number' },
  { name: '出生日期', piKind: 'birth_date' },
  { name: '联系电话', piKind: 'phone' },
];

function load(rows: (string | null)[][], sampleLimit?: number) {
  const checks = COLUMNS.map((c) =>
    compileColumnRules(
      defaultRules({
        name: c.name,
        dataType: null,
        length: null,
        required: c.name === '公民身份号码',
        piKind: null,
        dataElement: element(c.name),
      }),
      { today: '2026-01-05' },
    ),
  );
  const report = new QualityReport(COLUMNS, sampleLimit);
  const reasons: string[] = [];
  rows.forEach((row, i) => {
    const rowNumber = i + 2; // row 1 is the header
    row.forEach((v, c) => {
      report.addAll(rowNumber, c, checks[c](v, rowNumber), v);
    });
    if (report.rowHasError) reasons.push(report.rowReason());
    report.endRow();
  });
  return { report, reasons };
}

describe('QualityReport', () => {
  const rows = [
    ['张三', '1', '230103198506152313', '19850615', '13812345678'],
    ['李四', '2', '230103198506152314', '19850615', '1381234567'], // check digit, phone
    ['王五', '3', '440524188001010014', '18800101', '0451-86412345'], // sex code; old region code warns
    ['赵六', '1', null, '20300101', '13812345678'], // missing ID, future birth date
    ['孙七', '2', '230102199003071237', '1990-03-07', '13900001111'],
  ];

  it('counts rows, errors and warnings', () => {
    const { report } = load(rows);
    const json = report.toJSON();
    expect(json).toMatchObject({ rowsRead: 5, rowsAccepted: 2, rowsRejected: 3, errors: 5, warnings: 1 });
    expect(report.errorRate()).toBeCloseTo(0.6);
    expect(report.exceeds(0.5)).toBe(true);
    expect(report.exceeds(0.6)).toBe(false);
  });

  it('gives the Chinese reason of each rejected row', () => {
    expect(load(rows).reasons).toEqual([
      '第3列「公民身份号码」：校验位错误；第5列「联系电话」：格式不正确',
      '第2列「性别代码」：不在代码表中',
      '第3列「公民身份号码」：必填项为空；第4列「出生日期」：晚于当前日期',
    ]);
  });

  it('groups findings per (item, rule) in a stable order with masked samples', () => {
    const { findings } = load(rows).report.toJSON();
    expect(findings.map((f) => `${f.column}:${f.ruleId}:${f.errors}/${f.warnings}`)).toEqual([
      '2:enumeration.unknown:1/0',
      '3:id_number.check_digit:1/0',
      '3:id_number.region_unknown:0/1',
      '3:required.missing:1/0',
      '4:not_future.future:1/0',
      '5:phone.format:1/0',
    ]);
    const check = findings.find((f) => f.ruleId === 'id_number.check_digit')!;
    expect(check).toMatchObject({ item: '公民身份号码', label: '校验位错误' });
    expect(check.samples).toEqual([
      { row: 3, value: '230103********2314', message: '公民身份号码校验位错误（应为 3）' },
    ]);
    expect(findings.find((f) => f.ruleId === 'phone.format')?.samples[0].value).toBe('********67');
    expect(findings.find((f) => f.ruleId === 'not_future.future')?.samples[0].value).toBe('2030****');
    expect(findings.find((f) => f.ruleId === 'required.missing')?.samples[0].value).toBeNull();
    expect(findings.find((f) => f.ruleId === 'enumeration.unknown')?.samples[0].value).toBe('3');
    expect(JSON.stringify(findings)).not.toContain('230103198506152314');
  });

  it('keeps at most N samples per (item, rule) but counts them all', () => {
    const many = Array.from({ length: 30 }, () => [
      '张三',
      '1',
      '230103198506152314',
      '19850615',
      '13812345678',
    ]);
    const { report } = load(many, 20);
    const f = report.toJSON().findings.find((x) => x.ruleId === 'id_number.check_digit')!;
    expect(f.errors).toBe(30);
    expect(f.samples).toHaveLength(20);
    expect(f.samples[19].row).toBe(21);
  });

  it('masks values by the rule when the column was not declared as PI', () => {
    const report = new QualityReport([{ name: '证件号' }]);
    const check = compileColumnRules([{ kind: 'id_number' }], { today: '2026-01-05' });
    report.addAll(2, 0, check('230103198506152314', 2), '230103198506152314');
    report.endRow();
    expect(report.toJSON().findings[0].samples[0].value).toBe('230103********2314');
    expect(new QualityReport([]).errorRate()).toBe(0);
    // A unique rule reports the whole value: mask it by the PI kind the column's other rules imply.
    expect(samplePiKind(null, [{ kind: 'unique' }, { kind: 'id_number' }])).toBe('id_number');
    expect(samplePiKind('name', [{ kind: 'phone' }])).toBe('name');
    expect(samplePiKind(undefined, [{ kind: 'unique' }])).toBeNull();
  });
});
