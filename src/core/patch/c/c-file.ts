/** Which files are C: the one test the CLI, the editor and the pipeline use before asking tree-sitter. */

const C_FILE = /\.[ch]$/;

/** Whether a path (`sys/kern/kern_exit.c`, `sys/sys/proc.h`) names C source or a header. */
export function isCFile(path: string): boolean {
  return C_FILE.test(path);
}
