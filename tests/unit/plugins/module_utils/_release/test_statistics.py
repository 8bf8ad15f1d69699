import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._release import statistics


@pytest.mark.parametrize(
    "z, tail",
    [(0.0, 0.5), (1.6449, 0.05), (1.96, 0.025), (2.3263, 0.01), (2.5758, 0.005), (-1.96, 0.975)],
)
def test_upper_tail_matches_the_standard_normal_table(z, tail):
    """Upper-tail areas of the standard normal table found in any statistics textbook:
    P(Z > 1.645) = 0.05, P(Z > 1.96) = 0.025, P(Z > 2.326) = 0.01, P(Z > 2.576) = 0.005."""
    assert statistics.upper_tail(z) == pytest.approx(tail, abs=5e-5)


def test_equal_sizes_worked_by_hand():
    """30 errors in 1000 requests against 10 in 1000.

    p_new = 0.03, p_old = 0.01, pooled p = 40 / 2000 = 0.02;
    SE = sqrt(0.02 * 0.98 * (1/1000 + 1/1000)) = sqrt(0.0000392) = 0.0062610;
    z = (0.03 - 0.01) / 0.0062610 = 3.1944; P(Z > 3.1944) = 0.00070.
    """
    test = statistics.two_proportion_z_test(30, 1000, 10, 1000)
    assert test.z == pytest.approx(3.1944, abs=1e-4)
    assert test.p_value == pytest.approx(0.000701, abs=1e-6)


def test_unequal_sizes_worked_by_hand():
    """45 errors in 500 requests against 60 in 1000.

    p_new = 0.09, p_old = 0.06, pooled p = 105 / 1500 = 0.07;
    SE = sqrt(0.07 * 0.93 * (1/500 + 1/1000)) = sqrt(0.0001953) = 0.013975;
    z = 0.03 / 0.013975 = 2.1467; P(Z > 2.1467) = 0.0159.
    """
    test = statistics.two_proportion_z_test(45, 500, 60, 1000)
    assert test.z == pytest.approx(2.1467, abs=1e-4)
    assert test.p_value == pytest.approx(0.0159, abs=1e-4)


def test_a_lower_new_rate_is_the_mirror_image_one_sided():
    test = statistics.two_proportion_z_test(10, 1000, 30, 1000)
    assert test.z == pytest.approx(-3.1944, abs=1e-4)
    assert test.p_value == pytest.approx(1 - 0.000701, abs=1e-6)


def test_identical_rates_give_z_0_and_p_one_half():
    test = statistics.two_proportion_z_test(20, 1000, 40, 2000)
    assert test.z == 0.0
    assert test.p_value == pytest.approx(0.5)


@pytest.mark.parametrize("errors", [0, 1000])
def test_no_errors_or_only_errors_on_both_sides_is_no_evidence(errors):
    """The pooled proportion is 0 (or 1): SE = 0, the rates are equal; the exact test gives p = 1."""
    assert statistics.two_proportion_z_test(errors, 1000, errors * 2, 2000) == (0.0, 1.0)


@pytest.mark.parametrize("counts", [(0, 0, 5, 100), (5, 100, 0, 0), (0, 0, 0, 0)])
def test_zero_requests_has_no_test(counts):
    assert statistics.two_proportion_z_test(*counts) == (None, None)


@pytest.mark.parametrize("counts", [(11, 10, 0, 10), (0, 10, -1, 10), (0, -1, 0, 10)])
def test_impossible_counts_are_refused(counts):
    with pytest.raises(ValueError):
        statistics.two_proportion_z_test(*counts)


def test_rate_and_ratio():
    assert statistics.rate(3, 200) == 0.015
    assert statistics.rate(0, 0) is None
    assert statistics.ratio(0.3, 0.2) == pytest.approx(1.5)
    assert statistics.ratio(None, 0.2) is None
    assert statistics.ratio(0.3, None) is None
    assert statistics.ratio(0.3, 0.0) is None
