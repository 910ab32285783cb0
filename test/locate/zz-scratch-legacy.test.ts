import { it } from 'vitest';
import { guessEncodingFromText } from '../../src/locate/legacy/detect.js';
it('x', () => {
  const samples = [
    'Tæng sè', 'N÷', 'µm', '5 µm', 'Müller Straße Größe Übersicht', 'São Paulo não é uma cidade pequena', 'Crème brûlée à la française', 'François Hollande', 'Zürich',
    'naïve café résumé', 'Ångström', 'El niño está aquí', 'Ça va très bien', 'Có nhà không', 'Tên giáo viên', 'Bà Lan', 'Chị Hà', 'Mã số thuế',
    'Là où il y a une volonté, il y a un chemin', 'Über uns – Impressum', 'Ex-Ministerpräsident', 'Señor López, ¿qué tal?', 'Très bien, merci!', 'Ðà Nẵng',
    'Tên trường', 'Ghi chú', 'Có điện thoại', 'Tên đơn vị', 'Nam', 'Nữ', 'Lớp', 'Tiếng Việt'.normalize('NFD'), 'smörgåsbord', 'Dvořák', 'Hôtel de ville', 'Crêpe',
    'ê', 'Õ', 'où', 'à bientôt', 'Noël', 'Citroën', 'Pokémon', 'Fiancée', 'Ñandú', 'Ö', 'Düsseldorf, Köln', 'vµ', 'Sè l\u00adîng', 'Ghi chó', 'Ghi chuù',
  ];
  for (const s of samples) console.log(JSON.stringify(s), guessEncodingFromText(s));
});
