/**
 * Cycle detection for `startsAfter` as Grove does it: the strongly-connected components of the
 * dependency graph (Tarjan's algorithm). A component with more than one node, or a node that
 * depends on itself, is a cycle. Iterative, so a hostile object with thousands of cliques cannot
 * exhaust the stack.
 */

/** Directed graph: node → the nodes it depends on (edges to unknown nodes are ignored). */
export type DependencyGraph = ReadonlyMap<string, readonly string[]>;

interface NodeState {
  index: number;
  lowLink: number;
  onStack: boolean;
}

interface Frame {
  node: string;
  /** The node's edges to known nodes, and how many were followed so far. */
  edges: readonly string[];
  next: number;
}

/** Every cycle as the list of its nodes, each in graph insertion order; cycles ordered by first node. */
export function findCycles(graph: DependencyGraph): string[][] {
  const state = new Map<string, NodeState>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  const frameOf = (node: string): Frame => ({ node, edges: (graph.get(node) ?? []).filter((to) => graph.has(to)), next: 0 });
  const visit = (root: string): void => {
    const frames: Frame[] = [frameOf(root)];
    state.set(root, { index: counter, lowLink: counter, onStack: true });
    counter++;
    stack.push(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as Frame;
      const nodeState = state.get(frame.node) as NodeState;
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++] as string;
        const toState = state.get(to);
        if (toState === undefined) {
          state.set(to, { index: counter, lowLink: counter, onStack: true });
          counter++;
          stack.push(to);
          frames.push(frameOf(to));
        } else if (toState.onStack) {
          nodeState.lowLink = Math.min(nodeState.lowLink, toState.index);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) {
        const parentState = state.get(parent.node) as NodeState;
        parentState.lowLink = Math.min(parentState.lowLink, nodeState.lowLink);
      }
      if (nodeState.lowLink === nodeState.index) components.push(popComponent(frame.node, stack, state));
    }
  };

  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  const ranks = new Map([...graph.keys()].map((node, i) => [node, i]));
  const rank = (n: string) => ranks.get(n) ?? 0;
  return components
    .filter((c) => c.length > 1 || (graph.get(c[0] as string) ?? []).includes(c[0] as string))
    .map((c) => [...c].sort((a, b) => rank(a) - rank(b)))
    .sort((a, b) => rank(a[0] as string) - rank(b[0] as string));
}

function popComponent(root: string, stack: string[], state: Map<string, NodeState>): string[] {
  const component: string[] = [];
  for (;;) {
    const member = stack.pop() as string;
    (state.get(member) as NodeState).onStack = false;
    component.push(member);
    if (member === root) return component;
  }
}
