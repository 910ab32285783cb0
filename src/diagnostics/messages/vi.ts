import { formatCount, type MessageCatalogue } from './context.js';

const n = (x: number) => formatCount(x, 'vi');

export const vi: MessageCatalogue = {
  'file-empty': () => 'Tệp rỗng (0 byte). Đề nghị đơn vị gửi lại tệp Excel đã điền.',
  'file-too-large': (p) => `Tệp quá lớn (${n(p.actual)} byte, giới hạn ${n(p.limit)}). Đề nghị đơn vị gửi lại đúng biểu mẫu.`,
  'file-corrupt-zip': (p) => `Tệp bị hỏng, không mở được như tệp Excel (${p.detail}). Đề nghị đơn vị mở lại bằng Excel, lưu và gửi lại.`,
  'file-zip-too-many-entries': (p) => `Tệp có quá nhiều thành phần (${n(p.actual)}, giới hạn ${n(p.limit)}); không phải bảng thống kê thông thường. Đề nghị đơn vị gửi lại đúng biểu mẫu.`,
  'file-zip-bomb': (p) => `Tệp giải nén ra quá lớn (phần "${p.entry}" vượt ${n(p.limit)} byte); tệp bị từ chối để bảo vệ máy. Đề nghị đơn vị gửi lại đúng biểu mẫu.`,
  'file-zip-bad-entry-name': (p) => `Tệp có thành phần với tên không hợp lệ ("${p.entry}"); tệp bị từ chối. Đề nghị đơn vị lưu lại bằng Excel và gửi lại.`,
  'file-too-many-cells': (p) => `Tệp có quá nhiều ô dữ liệu (hơn ${n(p.limit)}). Đề nghị đơn vị chỉ gửi biểu mẫu thống kê.`,
  'file-xml-doctype': (p) => `Tệp chứa khai báo DOCTYPE/ENTITY không được phép (phần "${p.entry}"); tệp bị từ chối. Đề nghị đơn vị lưu lại bằng Excel và gửi lại.`,
  'file-corrupt-xml': (p) => `Nội dung tệp bị hỏng (phần "${p.entry}": ${p.detail}). Đề nghị đơn vị mở lại bằng Excel, lưu và gửi lại.`,
  'file-not-workbook': (p) => `Tệp không phải là bảng tính Excel (${p.detail}). Đề nghị đơn vị gửi tệp .xlsx theo biểu mẫu.`,
  'file-unsupported-compression': (p) => `Tệp dùng kiểu nén không hỗ trợ (phần "${p.entry}", kiểu ${p.method}). Đề nghị đơn vị lưu lại bằng Excel và gửi lại.`,
  'file-not-spreadsheet': (p) => `Đây là ${kindVi(p.kind)}, không phải bảng tính. Đề nghị đơn vị gửi bảng thống kê bằng tệp Excel (.xlsx) theo biểu mẫu.`,
  'file-encrypted': () => 'Tệp được đặt mật khẩu nên không đọc được. Đề nghị đơn vị bỏ mật khẩu (File → Info → Protect Workbook) và gửi lại.',
  'file-unsupported-format': (p) => `Chưa đọc được định dạng ${p.format}. Đề nghị đơn vị mở bằng Excel, chọn "Lưu thành" kiểu .xlsx và gửi lại.`,
  'file-unreadable': (p) => `Không đọc được tệp (${p.detail}). Đề nghị đơn vị mở lại bằng Excel, lưu và gửi lại.`,
  'file-timeout': (p) => `Đọc tệp quá ${n(p.seconds)} giây nên đã dừng; tệp có thể bị hỏng hoặc chứa nội dung bất thường. Đề nghị đơn vị chỉ gửi biểu mẫu thống kê, lưu lại bằng Excel.`,
  'file-out-of-memory': (p) => `Đọc tệp cần quá ${n(p.megabytes)} MB bộ nhớ nên đã dừng; tệp quá lớn hoặc bất thường. Đề nghị đơn vị chỉ gửi biểu mẫu thống kê.`,
  'file-skipped-lock': () => 'Bỏ qua: đây là tệp khóa tạm của Excel (~$…), không phải bài nộp.',
  'file-skipped-hidden': () => 'Bỏ qua: tệp ẩn hoặc tệp hệ thống.',
  'sheet-legacy-encoding': (p) => `${n(p.cells)} ô được gõ bằng bảng mã cũ ${p.encoding === 'tcvn3' ? 'TCVN3 (ABC, phông .Vn…)' : 'VNI (phông VNI-…)'}; đã chuyển sang Unicode.`,
  'table-not-found': (p, c) => `Không tìm thấy bảng "${c.tableLabel(p.table)}" (không thấy dòng tiêu đề có cột ĐƠN VỊ và các cột số lượng). Đề nghị đơn vị dùng đúng biểu mẫu.`,
  'table-empty': (p, c) => `Bảng "${c.tableLabel(p.table)}" chưa có số liệu (biểu mẫu để trống). Đề nghị đơn vị điền số liệu và gửi lại.`,
  'header-missing-column': (p, c) =>
    `Bảng "${c.tableLabel(p.table)}" thiếu cột "${p.header}". Các tiêu đề tìm thấy: ${p.found.length ? p.found.map((h) => `"${h}"`).join(', ') : '(không có)'}. Đề nghị đơn vị bổ sung cột theo biểu mẫu.`,
  'header-extra-column': (p, c) => `Cột "${p.header}" không có trong biểu mẫu của bảng "${c.tableLabel(p.table)}"; đã bỏ qua.`,
  'row-missing-unit': (p, c) => `Dòng có số liệu nhưng thiếu tên đơn vị (bảng "${c.tableLabel(p.table)}"). Đề nghị ghi tên đơn vị.`,
  'row-registered-exceeds-total': (p) =>
    `Số đã đăng ký (${n(p.registered)}) lớn hơn tổng số (${n(p.total)}) của "${p.unit}". Đề nghị đơn vị kiểm tra lại số liệu.`,
  'row-unregistered-mismatch': (p) =>
    `Số chưa đăng ký của "${p.unit}" là ${n(p.actual)}, nhưng tổng số − đã đăng ký = ${n(p.total)} − ${n(p.registered)} = ${n(p.expected)}. Đề nghị đơn vị sửa lại.`,
  'row-unregistered-computed': (p) => `Ô số chưa đăng ký của "${p.unit}" để trống; đã tính bằng tổng số − đã đăng ký = ${n(p.value)}.`,
  'row-missing-reason': (p) => `"${p.unit}" còn ${n(p.unregistered)} người chưa đăng ký nhưng chưa ghi nguyên nhân. Đề nghị đơn vị bổ sung nguyên nhân.`,
  'row-totals-mismatch': (p, c) =>
    `Dòng tổng cộng ghi ${n(p.actual)} ở cột "${c.columnLabel(p.table, p.column)}", nhưng cộng các dòng được ${n(p.expected)}. Đề nghị đơn vị kiểm tra lại dòng tổng cộng.`,
  'row-subtotal-mismatch': (p, c) =>
    `Dòng "${p.label}" ghi ${n(p.actual)} ở cột "${c.columnLabel(p.table, p.column)}", nhưng cộng các dòng của nhóm được ${n(p.expected)}. Đề nghị đơn vị kiểm tra lại dòng cộng.`,
  'cell-missing-count': (p, c) => `Thiếu số liệu ở cột "${c.columnLabel(p.table, p.column)}". Đề nghị đơn vị điền số (ghi 0 nếu không có).`,
  'cell-not-a-number': (p, c) => `"${p.text}" ở cột "${c.columnLabel(p.table, p.column)}" không phải là số. Đề nghị đơn vị ghi một số nguyên.`,
  'cell-negative': (p, c) => `Số âm (${n(p.value)}) ở cột "${c.columnLabel(p.table, p.column)}". Số lượng phải từ 0 trở lên.`,
  'cell-not-integer': (p, c) => `Số ${p.value} ở cột "${c.columnLabel(p.table, p.column)}" không phải số nguyên. Số người phải là số nguyên.`,
  'cell-number-as-text': (p, c) => `Số ở cột "${c.columnLabel(p.table, p.column)}" được gõ dạng chữ ("${p.text}"); đã hiểu là ${n(p.value)}. Nên nhập dạng số.`,
  'cell-error-value': (p, c) => `Ô ở cột "${c.columnLabel(p.table, p.column)}" báo lỗi ${p.error}. Đề nghị đơn vị sửa công thức và gửi lại.`,
  'cell-formula-no-result': (p, c) =>
    `Công thức "=${p.formula}" ở cột "${c.columnLabel(p.table, p.column)}" chưa có kết quả được lưu. Đề nghị đơn vị mở tệp bằng Excel, lưu lại và gửi lại.`,
  'cell-formula-evaluated': (p, c) => `Công thức "=${p.formula}" ở cột "${c.columnLabel(p.table, p.column)}" chưa được tính khi lưu; đã tính được ${n(p.value)}.`,
  'unit-superseded': (p) => `Đơn vị "${p.unit}" đã gửi tệp mới hơn (${p.newer}); tệp này không được tính.`,
  'unit-resubmission-differs': (p, c) =>
    `Tệp này thay cho tệp trước của "${p.unit}" (${p.older}); số liệu đã thay đổi: ${p.changes
      .map((x) => `${c.tableLabel(x.table)} – "${c.columnLabel(x.table, x.column)}" từ ${n(x.before)} thành ${n(x.after)}`)
      .join('; ')}. Đề nghị xác nhận với đơn vị.`,
  'unit-uncertain-match': (p) =>
    `Không chắc tệp này của đơn vị nào: tệp ghi "${p.found}", gần nhất trong danh sách là "${p.suggested}". Đã tạm tính cho "${p.suggested}"; đề nghị kiểm tra lại.`,
  'unit-not-in-roster': (p) => `Đơn vị "${p.unit}" không có trong danh sách đơn vị. Đề nghị kiểm tra tên đơn vị hoặc bổ sung vào danh sách.`,
  'unit-missing-table': (p, c) => `Theo danh sách, "${p.unit}" có ${c.tableLabel(p.table).toLocaleLowerCase('vi')} nhưng tệp không có bảng này. Đề nghị đơn vị bổ sung.`,
};

function kindVi(kind: string): string {
  switch (kind) {
    case 'docx':
    case 'doc':
      return 'văn bản Word';
    case 'pdf':
      return 'tệp PDF';
    case 'image':
      return 'tệp ảnh';
    case 'html':
      return 'trang web (HTML) đổi đuôi thành bảng tính';
    case 'pptx':
      return 'tệp trình chiếu PowerPoint';
    default:
      return `tệp loại "${kind}"`;
  }
}
