/**
 * Words the tool itself puts in the workbooks it writes (not the form's own
 * headers, which come from the form spec). Official documents are in
 * Vietnamese, so these are not translated.
 */
export const LABELS = {
  sheets: {
    summary: 'Tổng hợp',
    reasons: 'Nguyên nhân',
    submissions: 'Tình hình nộp',
    checks: 'Kiểm tra',
    sources: 'Nguồn',
    template: 'Biểu mẫu',
  },
  signature: { preparer: 'NGƯỜI LẬP BIỂU', head: 'THỦ TRƯỞNG ĐƠN VỊ', signHint: '(Ký, ghi rõ họ tên)', headHint: '(Ký tên, đóng dấu)' },
  reasons: { ordinal: 'TT', table: 'Đối tượng', unit: 'Đơn vị', count: 'Số người chưa đăng ký', reason: 'Nguyên nhân', file: 'Tệp nguồn' },
  submissions: { ordinal: 'TT', file: 'Tệp', unit: 'Đơn vị', status: 'Trạng thái', errors: 'Số lỗi', warnings: 'Số cảnh báo', supersededBy: 'Thay bằng tệp' },
  status: { accepted: 'Đã nhận', warning: 'Đã nhận, có cảnh báo', rejected: 'Trả lại', skipped: 'Bỏ qua' },
  checks: { file: 'Tệp', sheet: 'Trang tính', cell: 'Ô', severity: 'Mức độ', code: 'Mã', message: 'Nội dung' },
  severity: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' },
  sources: { table: 'Đối tượng', summaryRow: 'Dòng ở Tổng hợp', unit: 'Đơn vị', file: 'Tệp nguồn', sheet: 'Trang tính', row: 'Dòng', sha256: 'SHA-256 của tệp nguồn' },
  noData: 'Không có số liệu',
  otherGroup: 'Đơn vị khác',
  template: { wholeNumber: 'Nhập số nguyên từ 0 trở lên.' },
  feedback: { title: 'Các vấn đề cần sửa trong tệp', ordinal: 'TT' },
  reasonsSections: {
    all: 'I. Nguyên nhân theo từng đơn vị',
    grouped: 'II. Các nguyên nhân giống nhau được gộp',
    categories: 'III. Nhóm nguyên nhân',
  },
  reasonGroups: { ordinal: 'TT', reason: 'Nguyên nhân', units: 'Số đơn vị', count: 'Số người chưa đăng ký', unitNames: 'Đơn vị' },
  reasonCategories: { ordinal: 'TT', category: 'Nhóm nguyên nhân', rows: 'Số lượt nêu', count: 'Số người chưa đăng ký' },
  uncategorised: 'Chưa xếp nhóm',
  roster: {
    ordinal: 'TT',
    unit: 'Đơn vị',
    code: 'Mã',
    group: 'Nhóm',
    state: 'Tình trạng',
    file: 'Tệp được tính',
    date: 'Ngày nộp',
    dateSource: 'Căn cứ ngày',
    onTime: 'Đúng hạn',
    superseded: 'Tệp cũ (đã thay)',
    summaryLine: 'Phải nộp {expected}; đã nộp {submitted}; hợp lệ {accepted}; trả lại {rejected}; chưa nộp {missing}; tỷ lệ nộp hợp lệ {rate}.',
  },
  unitState: { accepted: 'Đã nộp, hợp lệ', warning: 'Đã nộp, có cảnh báo', rejected: 'Bị trả lại', missing: 'Chưa nộp' },
  dateSource: { document: 'Ngày ghi trên văn bản', modified: 'Ngày sửa tệp' },
  yesNo: { yes: 'Đúng hạn', no: 'Muộn' },
} as const;
