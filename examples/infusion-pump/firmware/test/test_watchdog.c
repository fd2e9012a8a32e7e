/**
 * @file test_watchdog.c
 * @brief Unit tests of the check-in supervisor (SU-SUP).
 * @unit SU-SUP
 */
#include "unity.h"
#include "watchdog.h"
#include "hal_mock.h"

void setUp(void)
{
    hal_mock_reset();
    wdg_init(0u);
}

void tearDown(void)
{
}

/** @verifies SRS-025, RC-06 */
void test_kicks_only_when_all_tasks_checked_in(void)
{
    wdg_checkin(WDG_CLIENT_DOSE);
    wdg_checkin(WDG_CLIENT_ALARM);
    TEST_ASSERT_FALSE(wdg_service(10u));
    wdg_checkin(WDG_CLIENT_COMM);
    TEST_ASSERT_TRUE(wdg_service(20u));
    TEST_ASSERT_EQUAL(1u, g_hal.wdg_kicks);
    TEST_ASSERT_EQUAL(0u, g_hal.motor_disables);
}

/** @verifies SRS-025, RC-06 */
void test_missed_checkin_disables_motor_and_withholds_kick(void)
{
    wdg_checkin(WDG_CLIENT_DOSE);
    wdg_checkin(WDG_CLIENT_COMM);            /* alarm task hung */
    for (uint32_t t = 10u; t <= WDG_WINDOW_MS + 10u; t += 10u) {
        TEST_ASSERT_FALSE(wdg_service(t));
    }
    TEST_ASSERT_TRUE(wdg_tripped());
    TEST_ASSERT_EQUAL(1u, g_hal.motor_disables);

    /* latched: a late check-in does not resume kicking */
    wdg_checkin(WDG_ALL_CLIENTS);
    TEST_ASSERT_FALSE(wdg_service(WDG_WINDOW_MS + 20u));
    TEST_ASSERT_EQUAL(0u, g_hal.wdg_kicks);
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_kicks_only_when_all_tasks_checked_in);
    RUN_TEST(test_missed_checkin_disables_motor_and_withholds_kick);
    return UNITY_END();
}
