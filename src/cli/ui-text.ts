import type { Language } from '../diagnostics/render.js';
import type { FileStatus } from '../pipeline/file-result.js';
import type { Severity } from '../diagnostics/codes.js';

/** Words of the console report, in the clerk's language by default. */
export interface UiText {
  checking(files: number): string;
  /** After a file table that leaves out the files accepted without a problem; `sheet` is where the summary lists them all, if there is one. */
  acceptedNotListed(files: number, sheet: string | null): string;
  columns: { ordinal: string; file: string; unit: string; status: string; errors: string; warnings: string };
  status: Record<FileStatus, string>;
  severity: Record<Severity, string>;
  totalsHeading(files: number): string;
  totalsColumns: { table: string; rate: string };
  problemsHeading: string;
  noProblems: string;
  infoHidden(count: number): string;
  wrote(path: string): string;
  outputExists(path: string): string;
  verdict(accepted: number, warned: number, rejected: number, skipped: number): string;
  noFiles(folder: string): string;
  notFound(path: string): string;
  badForm(path: string, detail: string): string;
  rosterProblem(file: string, problem: RosterErrorProblem): string;
  badDate(flag: string, value: string): string;
  completenessHeading: string;
  completeness(c: { expected: number; submitted: number; accepted: number; rejected: number; missing: number; rate: string }): string;
  missingUnits: string;
  rejectedUnits: string;
  lateUnits(deadline: string): string;
  notInRoster: string;
  dateFrom: { document: string; modified: string };
  topReasons: string;
  supersededUnits: string;
  templateRosterUsage: string;
  badNumber: string;
  outputInsideInput(path: string): string;
  writeFailed(path: string, detail: string): string;
  targetLocked(target: string, written: string): string;
  feedbackInsideInput(dir: string): string;
  wroteFeedback(count: number, dir: string): string;
}

export type RosterErrorProblem =
  | { code: 'roster-no-name-column'; headers: string[] }
  | { code: 'roster-empty' }
  | { code: 'roster-duplicate-unit'; name: string; rows: number[] }
  | { code: 'roster-unreadable'; detail: string };

export const UI_TEXT: Record<Language, UiText> = {
  vi: {
    checking: (n) => `Kiểm tra ${n} tệp`,
    acceptedNotListed: (n, sheet) => `… và ${n} tệp được nhận không có lỗi hay cảnh báo${sheet ? ` (đủ danh sách ở trang «${sheet}» của bảng tổng hợp)` : ''}.`,
    columns: { ordinal: 'TT', file: 'Tệp', unit: 'Đơn vị', status: 'Trạng thái', errors: 'Lỗi', warnings: 'Cảnh báo' },
    status: { accepted: 'Đã nhận', warning: 'Nhận, có cảnh báo', rejected: 'Trả lại', skipped: 'Bỏ qua' },
    severity: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' },
    totalsHeading: (n) => `Tổng hợp từ ${n} tệp được nhận:`,
    totalsColumns: { table: 'Đối tượng', rate: 'Tỷ lệ đã đăng ký' },
    problemsHeading: 'Các vấn đề cần xử lý:',
    noProblems: 'Không có lỗi hay cảnh báo nào.',
    infoHidden: (n) => `(${n} ghi chú thông tin khác có trong sheet "Kiểm tra" của bảng tổng hợp)`,
    wrote: (p) => `Đã ghi bảng tổng hợp: ${p}`,
    outputExists: (p) => `Tệp ${p} đã có. Chọn tên khác bằng -o, hoặc thêm --force để ghi đè.`,
    verdict: (a, w, r, s) => `Nhận ${a}, nhận có cảnh báo ${w}, trả lại ${r}, bỏ qua ${s}.`,
    noFiles: (f) => `Thư mục ${f} không có tệp nào.`,
    notFound: (p) => `Không tìm thấy ${p}.`,
    badForm: (p, d) => `Mẫu biểu ${p} không hợp lệ: ${d}`,
    rosterProblem: (f, p) => {
      switch (p.code) {
        case 'roster-no-name-column':
          return `Danh sách đơn vị ${f} không có cột tên đơn vị (ví dụ "Tên đơn vị"). Các cột tìm thấy: ${p.headers.join(', ') || '(không có)'}.`;
        case 'roster-empty':
          return `Danh sách đơn vị ${f} không có đơn vị nào.`;
        case 'roster-duplicate-unit':
          return `Danh sách đơn vị ${f} có tên trùng: "${p.name}" ở các dòng ${p.rows.join(', ')}.`;
        case 'roster-unreadable':
          return `Không đọc được danh sách đơn vị ${f} (${p.detail}).`;
      }
    },
    badDate: (f, v) => `${f} "${v}" không phải ngày hợp lệ; ghi theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-25.`,
    completenessHeading: 'Tình hình nộp báo cáo:',
    completeness: (c) => `Phải nộp ${c.expected}, đã nộp ${c.submitted}, hợp lệ ${c.accepted}, bị trả lại ${c.rejected}, chưa nộp ${c.missing}; tỷ lệ nộp hợp lệ ${c.rate}.`,
    missingUnits: 'Chưa nộp:',
    rejectedUnits: 'Bị trả lại (chưa có tệp hợp lệ):',
    lateUnits: (d) => `Nộp sau hạn ${d}:`,
    notInRoster: 'Không có trong danh sách:',
    dateFrom: { document: 'theo ngày ghi trên văn bản', modified: 'theo ngày sửa tệp' },
    topReasons: 'Nguyên nhân chưa đăng ký nhiều nhất:',
    supersededUnits: 'Đã gửi lại (tệp cũ không tính):',
    badNumber: 'cần một số dương.',
    outputInsideInput: (p) => `Không ghi bảng tổng hợp ${p} vào trong thư mục bài nộp (lần sau nó sẽ bị đọc như một bài nộp). Chọn nơi khác bằng -o.`,
    writeFailed: (p, d) => `Không ghi được ${p} (${d}). Tệp cũ (nếu có) vẫn giữ nguyên.`,
    targetLocked: (t, w) => `Tệp ${t} đang được mở ở chương trình khác (có thể là Excel) nên không thay được; đã giữ nguyên tệp cũ và lưu bảng tổng hợp mới vào ${w}.`,
    templateRosterUsage: 'Dùng --roster cùng --out-dir (và không dùng -o, --unit) để tạo mỗi đơn vị một biểu mẫu.',
    feedbackInsideInput: (d) => `Thư mục góp ý ${d} nằm trong thư mục bài nộp; hãy chọn thư mục khác để tệp góp ý không bị đọc như bài nộp.`,
    wroteFeedback: (n, d) => `Đã ghi ${n} tệp góp ý vào ${d}.`,
  },
  en: {
    checking: (n) => `Checking ${n} files`,
    acceptedNotListed: (n, sheet) => `… and ${n} files accepted without errors or warnings${sheet ? ` (all are listed on the sheet “${sheet}” of the summary workbook)` : ''}.`,
    columns: { ordinal: '#', file: 'File', unit: 'Unit', status: 'Status', errors: 'Errors', warnings: 'Warnings' },
    status: { accepted: 'Accepted', warning: 'Accepted with warnings', rejected: 'Rejected', skipped: 'Skipped' },
    severity: { error: 'Error', warning: 'Warning', info: 'Info' },
    totalsHeading: (n) => `Totals from ${n} accepted files:`,
    totalsColumns: { table: 'Table', rate: 'Registration rate' },
    problemsHeading: 'Problems to deal with:',
    noProblems: 'No errors or warnings.',
    infoHidden: (n) => `(${n} more informational notes are in the summary's "Kiểm tra" sheet)`,
    wrote: (p) => `Summary written: ${p}`,
    outputExists: (p) => `${p} already exists. Choose another name with -o, or add --force to replace it.`,
    verdict: (a, w, r, s) => `Accepted ${a}, accepted with warnings ${w}, rejected ${r}, skipped ${s}.`,
    noFiles: (f) => `The folder ${f} has no files.`,
    notFound: (p) => `${p} was not found.`,
    badForm: (p, d) => `The form spec ${p} is invalid: ${d}`,
    rosterProblem: (f, p) => {
      switch (p.code) {
        case 'roster-no-name-column':
          return `The roster ${f} has no unit-name column (e.g. "Tên đơn vị" or "name"). Columns found: ${p.headers.join(', ') || '(none)'}.`;
        case 'roster-empty':
          return `The roster ${f} lists no units.`;
        case 'roster-duplicate-unit':
          return `The roster ${f} names "${p.name}" more than once, on rows ${p.rows.join(', ')}.`;
        case 'roster-unreadable':
          return `The roster ${f} could not be read (${p.detail}).`;
      }
    },
    badDate: (f, v) => `${f} "${v}" is not a date; write it as YEAR-MONTH-DAY, e.g. 2024-04-25.`,
    completenessHeading: 'Returns:',
    completeness: (c) => `Expected ${c.expected}, submitted ${c.submitted}, accepted ${c.accepted}, rejected ${c.rejected}, missing ${c.missing}; reporting rate ${c.rate}.`,
    missingUnits: 'Missing:',
    rejectedUnits: 'Rejected (no usable file yet):',
    lateUnits: (d) => `Late (after ${d}):`,
    notInRoster: 'Not in the roster:',
    dateFrom: { document: 'by the date written in the document', modified: "by the file's modification date" },
    topReasons: 'Most common reasons for not registering:',
    supersededUnits: 'Resubmitted (older files not counted):',
    badNumber: 'needs a positive number.',
    outputInsideInput: (p) => `Not writing the summary ${p} inside the submissions folder (it would be read as a submission next time). Choose another place with -o.`,
    writeFailed: (p, d) => `Could not write ${p} (${d}). Any earlier file is intact.`,
    targetLocked: (t, w) => `${t} is open in another program (Excel?) and could not be replaced; the old file is kept and the new summary was saved as ${w}.`,
    templateRosterUsage: 'Use --roster together with --out-dir (and without -o or --unit) for one template per unit.',
    feedbackInsideInput: (d) => `The feedback folder ${d} is inside the submissions folder; choose another, or the feedback would be read as submissions.`,
    wroteFeedback: (n, d) => `Wrote ${n} feedback workbooks to ${d}.`,
  },
};
