/**
 * Whether `first` (its first occurrence) is drawn to the left of `second` (its last occurrence)
 * in the text node under `root` that shows exactly `text`. On a right-to-left page, English text
 * keeps its own order ("24 cm wide", "basket (2 tiers)") only when it is isolated: without that,
 * the bidi algorithm moves a leading number or a closing bracket to the other end.
 */
export function drawnLeftOf(root: Node, text: string, first: string, second: string): boolean {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node: Node | null;
  while ((node = walker.nextNode()) && node.textContent !== text);
  if (!node) throw new Error(`"${text}" is not shown`);
  const left = (from: number, length: number) => {
    const range = document.createRange();
    range.setStart(node!, from);
    range.setEnd(node!, from + length);
    return range.getBoundingClientRect().left;
  };
  return left(text.indexOf(first), first.length) < left(text.lastIndexOf(second), second.length);
}

/** Whether the text of `element` ends at its right edge (how a right-to-left line is aligned), within 1px. */
export function alignedRight(element: Element): boolean {
  const range = document.createRange();
  range.selectNodeContents(element);
  return element.getBoundingClientRect().right - range.getBoundingClientRect().right < 1;
}
