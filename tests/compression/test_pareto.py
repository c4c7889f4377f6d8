from sustainai.compression import pareto_front


def test_front_over_quality_energy_and_size():
    points = [
        {"quality": 0.97, "energy": 10.0, "size": 20.0},  # 0: best quality
        {"quality": 0.96, "energy": 4.0, "size": 8.0},  # 1: cheaper, a little worse
        {"quality": 0.95, "energy": 5.0, "size": 9.0},  # 2: dominated by 1
        {"quality": 0.90, "energy": 4.0, "size": 2.0},  # 3: smallest
        {"quality": 0.97, "energy": 10.0, "size": 20.0},  # 4: equal to 0: neither dominates
        {"quality": None, "energy": 1.0, "size": 1.0},  # 5: no quality: left out
    ]
    assert pareto_front(points) == [0, 1, 3, 4]


def test_front_over_two_axes():
    points = [
        {"quality": 0.97, "energy": 10.0},
        {"quality": 0.96, "energy": 4.0},
        {"quality": 0.90, "energy": 4.0},
    ]
    assert pareto_front(points, minimise=("energy",)) == [0, 1]
    assert pareto_front([]) == []
