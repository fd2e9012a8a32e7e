/*
 * Minimal subset of the Unity test framework (ThrowTheSwitch.org) API used by
 * the InfuCare firmware tests, for syntax checking only. The test build uses
 * Unity 2.6.0 from the toolchain image. Excluded from analysis.
 */
#ifndef UNITY_H
#define UNITY_H

#include <stdint.h>

void UnityBegin(const char *filename);
int UnityEnd(void);
void UnityDefaultTestRun(void (*func)(void), const char *name, int line);
void UnityAssert(int condition, const char *expr, int line);
void UnityAssertEqual(long long expected, long long actual, int line);

#define UNITY_BEGIN() UnityBegin(__FILE__)
#define UNITY_END() UnityEnd()
#define RUN_TEST(fn) UnityDefaultTestRun(fn, #fn, __LINE__)
#define TEST_ASSERT_TRUE(c) UnityAssert((c) ? 1 : 0, #c, __LINE__)
#define TEST_ASSERT_FALSE(c) UnityAssert((c) ? 0 : 1, #c, __LINE__)
#define TEST_ASSERT_NULL(p) UnityAssert((p) == NULL, #p " == NULL", __LINE__)
#define TEST_ASSERT_NOT_NULL(p) UnityAssert((p) != NULL, #p " != NULL", __LINE__)
#define TEST_ASSERT_EQUAL(e, a) UnityAssertEqual((long long)(e), (long long)(a), __LINE__)
#define TEST_ASSERT_EQUAL_UINT32(e, a) UnityAssertEqual((long long)(e), (long long)(a), __LINE__)
#define TEST_ASSERT_EQUAL_HEX16(e, a) UnityAssertEqual((long long)(e), (long long)(a), __LINE__)
#define TEST_ASSERT_EQUAL_HEX32(e, a) UnityAssertEqual((long long)(e), (long long)(a), __LINE__)

#endif /* UNITY_H */
