/**
 * @file test_dose.c
 * @brief Unit tests of the drug library and the rate calculation (SU-DOSE).
 * @unit SU-DOSE
 */
#include <string.h>

#include "unity.h"
#include "dose_calc.h"
#include "hal_mock.h"

#define DOPAMINE  101u
#define HEPARIN   205u

static uint8_t s_image[DRUG_LIB_HEADER_SIZE + 2u * DRUG_LIB_RECORD_SIZE + DRUG_LIB_CRC_SIZE];

static void put_u16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put_u32(uint8_t *p, uint32_t v) { put_u16(p, (uint16_t)v); put_u16(&p[2], (uint16_t)(v >> 16)); }

/* Two-drug library: dopamine 1600 ug/mL (soft 30 mL/h, hard 50 mL/h) and
 * heparin 100 U/mL treated as 100 ug/mL (soft 20 mL/h, hard 25 mL/h). */
static void build_library(void)
{
    memset(s_image, 0, sizeof s_image);
    put_u32(&s_image[0], DRUG_LIB_MAGIC);
    put_u16(&s_image[4], 3u);
    put_u16(&s_image[6], 2u);
    uint8_t *r = &s_image[DRUG_LIB_HEADER_SIZE];
    put_u16(&r[0], DOPAMINE); put_u32(&r[4], 1600u); put_u32(&r[8], 300u); put_u32(&r[12], 500u);
    r += DRUG_LIB_RECORD_SIZE;
    put_u16(&r[0], HEPARIN); put_u32(&r[4], 100u); put_u32(&r[8], 200u); put_u32(&r[12], 250u);
    size_t body = sizeof s_image - DRUG_LIB_CRC_SIZE;
    put_u32(&s_image[body], druglib_crc32(s_image, body));
}

void setUp(void)
{
    hal_mock_reset();
    build_library();
    TEST_ASSERT_EQUAL(IC_OK, druglib_load(s_image, sizeof s_image));
}

void tearDown(void)
{
}

/** @verifies SRS-014 */
void test_crc32_check_value(void)
{
    const uint8_t check[] = "123456789";
    TEST_ASSERT_EQUAL_HEX32(0xCBF43926u, druglib_crc32(check, 9u));
}

/** @verifies SRS-014, RC-03 */
void test_corrupted_library_is_rejected_and_disables_programming(void)
{
    s_image[DRUG_LIB_HEADER_SIZE + 12u] ^= 0x01u;   /* flip one bit of a hard limit */
    TEST_ASSERT_EQUAL(IC_ERR_LIBRARY_CORRUPT, druglib_load(s_image, sizeof s_image));
    TEST_ASSERT_FALSE(druglib_is_valid());
    TEST_ASSERT_NULL(druglib_find(DOPAMINE));

    dose_order_t order = { .drug_id = DOPAMINE, .dose_ug_kg_min_x100 = 500u, .weight_g = 70000u, .vtbi_ml_x10 = 2500u };
    uint32_t rate = 0u;
    TEST_ASSERT_EQUAL(IC_ERR_LIBRARY_CORRUPT, dose_program(&order, false, &rate));
    TEST_ASSERT_EQUAL_UINT32(0u, rate);
}

/** @verifies SRS-010 */
void test_rate_is_computed_from_weight_based_dose(void)
{
    /* 5 ug/kg/min * 70 kg * 60 / 1600 ug/mL = 13.125 mL/h -> 13.1 mL/h */
    dose_order_t order = { .drug_id = DOPAMINE, .dose_ug_kg_min_x100 = 500u, .weight_g = 70000u, .vtbi_ml_x10 = 2500u };
    uint32_t rate = 0u;
    TEST_ASSERT_EQUAL(IC_OK, dose_program(&order, false, &rate));
    TEST_ASSERT_EQUAL_UINT32(131u, rate);
    TEST_ASSERT_EQUAL_UINT32(68702u, dose_time_remaining_s(order.vtbi_ml_x10, rate));
}

/** @verifies SRS-011, RC-01 */
void test_rate_above_hard_limit_is_rejected_even_when_confirmed(void)
{
    /* 20 ug/kg/min * 70 kg -> 52.5 mL/h, above the 50 mL/h hard limit */
    dose_order_t order = { .drug_id = DOPAMINE, .dose_ug_kg_min_x100 = 2000u, .weight_g = 70000u, .vtbi_ml_x10 = 2500u };
    uint32_t rate = 0u;
    TEST_ASSERT_EQUAL(IC_ERR_HARD_LIMIT, dose_program(&order, true, &rate));
    TEST_ASSERT_EQUAL_UINT32(0u, rate);
}

/** @verifies SRS-012, RC-02 */
void test_rate_above_soft_limit_needs_confirmation(void)
{
    /* 12 ug/kg/min * 70 kg -> 31.5 mL/h, between soft 30 and hard 50 */
    dose_order_t order = { .drug_id = DOPAMINE, .dose_ug_kg_min_x100 = 1200u, .weight_g = 70000u, .vtbi_ml_x10 = 2500u };
    uint32_t rate = 0u;
    TEST_ASSERT_EQUAL(IC_NEEDS_CONFIRMATION, dose_program(&order, false, &rate));
    TEST_ASSERT_EQUAL(IC_OK, dose_program(&order, true, &rate));
    TEST_ASSERT_EQUAL_UINT32(315u, rate);
}

/** @verifies SRS-013, RC-01 */
void test_mechanism_maximum_applies_whatever_the_library_says(void)
{
    drug_entry_t permissive = { .drug_id = 1u, .concentration_ug_per_ml = 1u,
                                .soft_max_rate_ml_h_x10 = 20000u, .hard_max_rate_ml_h_x10 = 20000u };
    TEST_ASSERT_EQUAL(IC_OK, dose_check_limits(PUMP_MAX_RATE_ML_H_X10, &permissive, true));
    TEST_ASSERT_EQUAL(IC_ERR_HARD_LIMIT, dose_check_limits(PUMP_MAX_RATE_ML_H_X10 + 1u, &permissive, true));
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_crc32_check_value);
    RUN_TEST(test_corrupted_library_is_rejected_and_disables_programming);
    RUN_TEST(test_rate_is_computed_from_weight_based_dose);
    RUN_TEST(test_rate_above_hard_limit_is_rejected_even_when_confirmed);
    RUN_TEST(test_rate_above_soft_limit_needs_confirmation);
    RUN_TEST(test_mechanism_maximum_applies_whatever_the_library_says);
    return UNITY_END();
}
