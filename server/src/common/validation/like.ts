/**
 * A LIKE pattern that matches `text` literally. '!' is the escape character: a backslash would
 * itself need escaping in MySQL string literals but not in SQLite's. Use with ESCAPE '!'.
 */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
