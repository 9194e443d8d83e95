/** Pulled category files: names a person recognises in any script, valid on every file system. */
import { describe, expect, it } from 'vitest';
import { categoryFileNames, kebabCase } from '../../src/pull/file-names.js';

describe('kebabCase', () => {
  it.each([
    ['Landing Page', 'landing-page'],
    ['Égalité!', 'egalite'],
    ['Ｆｕｌｌ Ｗｉｄｔｈ', 'full-width'],
    ['Оформление заказа', 'оформление-заказа'],
    ['購入フロー', '購入フロー'],
    ['खरीदारी', 'खरीदारी'],
    ['Ελληνικά Γεγονότα', 'ελληνικά-γεγονότα'],
    ['الدفع', 'الدفع'],
    ['Straße 2', 'straße-2'],
    ['🎉 Party 🎉', 'party'],
    ['🎉🎉', 'category'],
    ['a<b>c:d"e/f\\g|h?i*j', 'a-b-c-d-e-f-g-h-i-j'],
    ['Trailing dots...', 'trailing-dots'],
    ['con', 'con-category'],
    ['NUL', 'nul-category'],
    ['Com1', 'com1-category'],
    ['LPT9', 'lpt9-category'],
    ['console', 'console'],
  ])('%s → %s', (title, name) => {
    expect(kebabCase(title)).toBe(name);
  });

  it('writes NFC, whichever form the title came in', () => {
    const decomposed = 'Cafe\u0301 Ме\u0308ню';
    expect(kebabCase(decomposed)).toBe('cafe-мёню'.normalize('NFC'));
    expect(kebabCase(decomposed)).toBe(kebabCase(decomposed.normalize('NFC')));
  });

  it('never ends a name in a dot, a space or a dash, nor splits a character when cutting a long title', () => {
    const long = `${'日本'.repeat(40)} end`;
    const name = kebabCase(long);
    expect([...name].length).toBeLessThanOrEqual(60);
    expect(name).not.toMatch(/[-. ]$/);
    expect(name).not.toMatch(/[\ud800-\udbff]$/);
    expect(kebabCase('𝔸𝔹ℂ '.repeat(30))).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('categoryFileNames', () => {
  it('is collision-free ignoring case (Windows and macOS), and the same for the same titles in any order', () => {
    const titles = ['Sign Up', 'Sign-Up', 'SIGN UP!', 'Оплата', 'ОПЛАТА', 'Tracking Plan', 'con', 'CON'];
    const names = categoryFileNames(titles);
    const values = [...names.values()];
    expect(new Set(values.map((n) => n.toLowerCase())).size).toBe(titles.length);
    expect(values.map((n) => n.toLowerCase())).not.toContain('tracking-plan.yaml');
    expect(categoryFileNames([...titles].reverse())).toEqual(names);
    for (const name of values) {
      expect(name).toMatch(/\.yaml$/);
      expect(name).not.toMatch(/[<>:"/\\|?*]/);
      expect([...name].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
      expect(name.replace(/\.yaml$/, '')).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
    }
  });
});
