/** Where OpenBSD keeps the functions of the exit path, as paths in a kernel tree (the directory holding sys/). */
export const EXIT_PATH_FILES = ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c'] as const;
