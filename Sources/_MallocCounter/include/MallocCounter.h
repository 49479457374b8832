#ifndef RNNBOOK_MALLOC_COUNTER_H
#define RNNBOOK_MALLOC_COUNTER_H
// Counts heap allocations the calling thread makes while counting is on, for the test that a warmed-up training
// step allocates nothing. Linking this target into a binary replaces malloc and friends there
// with thin wrappers around glibc's own allocator.
#include <stdint.h>

void rnnbook_malloc_counting(int on);
uint64_t rnnbook_malloc_count(void);

#endif
