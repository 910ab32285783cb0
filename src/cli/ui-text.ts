import type { Language } from '../diagnostics/render.js';
import type { FileStatus } from '../pipeline/file-result.js';
import type { Severity } from '../diagnostics/codes.js';

/** Words of the console report, in the clerk's language by default. */
export interface UiText {
  checking(files: number): string;
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
}

export const UI_TEXT: Record<Language, UiText> = {
  vi: {
    checking: (n) => `Kiểm tra ${n} tệp`,
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
  },
  en: {
    checking: (n) => `Checking ${n} files`,
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
  },
};
