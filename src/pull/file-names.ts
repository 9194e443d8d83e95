/**
 * File names for a pulled plan split one category per file: the title in kebab case
 * ("Landing Page" → landing-page.yaml), made unique in title order so the same categories
 * always get the same names.
 *
 * A name keeps the title recognisable in any script: Latin letters lose their accents
 * ("Égalité" → egalite), letters and digits of other scripts stay as they are, in Unicode NFC
 * ("Оформление заказа" → оформление-заказа.yaml, "購入" → 購入.yaml). A name is valid on
 * Windows, macOS and Linux: only letters, digits, combining marks and dashes (none of
 * `<>:"/\|?*`, no control character, no trailing dot or space), never a device name Windows
 * reserves (`con`, `nul`, `com1`, … with any extension), and unique ignoring case, as those file
 * systems compare names.
 */
import { compareText } from '../plan/compare.js';

/** The file that holds `version` and `integration`. */
export const HEADER_FILE = 'tracking-plan.yaml';

/** Characters (code points) of a name before `.yaml`: well inside 255 bytes even in a 4-byte script. */
const MAX_NAME = 60;
/** Names Windows reserves for devices, whatever the extension (`con.yaml` cannot be created there). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

export function kebabCase(title: string): string {
  let name = '';
  for (const char of title.normalize('NFC')) {
    if (/[\p{L}\p{N}]/u.test(char)) {
      // Latin with accents, full-width forms and ligatures read as ASCII ("é" → e, "Ａ" → a, "ﬁ" → fi).
      const ascii = char.normalize('NFKD').replace(/\p{M}+/gu, '');
      name += /^[A-Za-z0-9]+$/.test(ascii) ? ascii.toLowerCase() : char.toLowerCase();
    } else if (/\p{M}/u.test(char) && name !== '' && !name.endsWith('-')) {
      // A combining mark belongs to the letter before it (Devanagari vowel signs, Thai tone marks).
      name += char;
    } else {
      name += '-';
    }
  }
  const base = [...name.replace(/-+/g, '-').replace(/^-|-$/g, '').normalize('NFC')].slice(0, MAX_NAME).join('').replace(/-+$/, '');
  if (base === '') return 'category';
  return WINDOWS_RESERVED.test(base) ? `${base}-category` : base;
}

/** Title → file name, for titles that are unique (as a plan's category titles are). */
export function categoryFileNames(titles: readonly string[]): Map<string, string> {
  // Case-insensitive file systems (Windows, macOS) hold one of `Sign-up.yaml` and `sign-up.yaml`.
  const key = (name: string) => name.toLowerCase();
  const taken = new Set<string>([key(HEADER_FILE)]);
  const names = new Map<string, string>();
  for (const title of [...titles].sort(compareText)) {
    const base = kebabCase(title);
    let name = `${base}.yaml`;
    for (let n = 2; taken.has(key(name)); n++) name = `${base}-${n}.yaml`;
    taken.add(key(name));
    names.set(title, name);
  }
  return names;
}
