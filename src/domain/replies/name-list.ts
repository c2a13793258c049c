/** At most `max` names, then how many more: activity lists can be long, a mail should not be. */
export function someNames(names: readonly string[], max: number, join: (items: readonly string[]) => string, more: (n: number) => string): string {
  if (names.length <= max) return join(names);
  return `${join(names.slice(0, max))}${more(names.length - max)}`;
}
