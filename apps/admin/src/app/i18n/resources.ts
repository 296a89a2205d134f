/** A translation tree: nested keys, string leaves. Parity between languages is a test, not a type. */
export interface TranslationTree {
  [key: string]: string | TranslationTree;
}
