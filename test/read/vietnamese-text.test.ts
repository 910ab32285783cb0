import { describe, expect, it } from 'vitest';
import { encodingFromFont } from '../../src/locate/legacy/detect.js';
import { mayNameLegacyFont } from '../../src/read/vietnamese-text.js';

describe('mayNameLegacyFont', () => {
  const legacy = ['.VnTime', '.VnTimeH', '.vnarial', '.VnCentury Schoolbook', 'VNI-Times', 'vni-helve', ' ".VnTime" ', "'VNI-Times'"];
  const unicode = ['Times New Roman', 'Arial', 'Calibri', 'Cambria Math', 'Vni', 'Vn', 'Tahoma'];

  it('finds every font name that implies a legacy encoding, written as styles.xml writes it', () => {
    for (const name of legacy) {
      expect(encodingFromFont(name), name).not.toBeNull();
      expect(mayNameLegacyFont(`<font><sz val="12"/><name val="${name}"/></font>`), name).toBe(true);
    }
  });

  it('finds none in a styles part of Unicode fonts only', () => {
    for (const name of unicode) expect(encodingFromFont(name), name).toBeNull();
    const styles = `<styleSheet><fonts>${unicode.map((name) => `<font><name val="${name}"/><family val="2"/></font>`).join('')}</fonts></styleSheet>`;
    expect(mayNameLegacyFont(styles)).toBe(false);
  });
});
