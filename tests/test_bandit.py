"""dlnotes.bandit: the arms pay what they should, the agents follow their formulas, regret is bookkept."""

import math

import pytest

from dlnotes.bandit import UCB1, Agent, BanditRun, BernoulliBandit, EpsilonGreedy, run_bandit

PROBS = [0.3, 0.5, 0.7, 0.4, 0.2]


def test_each_arm_pays_with_its_probability() -> None:
    bandit = BernoulliBandit(PROBS, seed=0)
    for arm, p in enumerate(PROBS):
        wins = sum(bandit.pull(arm) for _ in range(20_000))
        assert wins / 20_000 == pytest.approx(p, abs=0.015)  # about 4.5 standard errors


def test_regret_is_the_gap_to_the_best_arm() -> None:
    bandit = BernoulliBandit(PROBS)
    assert bandit.best_mean == 0.7 and bandit.n_arms == 5
    assert [bandit.regret(a) for a in range(5)] == pytest.approx([0.4, 0.2, 0.0, 0.3, 0.5])


@pytest.mark.parametrize("make_agent", [lambda: EpsilonGreedy(5, 0.2, seed=1), lambda: UCB1(5)])
def test_agent_values_are_the_mean_reward_of_each_arm(make_agent) -> None:
    """Brute force: average the rewards of each arm from the run's log."""
    agent = make_agent()
    run = run_bandit(BernoulliBandit(PROBS, seed=2), agent, steps=400)
    assert isinstance(run, BanditRun) and len(run.arms) == len(run.rewards) == len(run.regret) == 400
    for arm in range(5):
        rewards = [r for a, r in zip(run.arms, run.rewards) if a == arm]
        assert agent.counts[arm] == len(rewards)
        if rewards:
            assert agent.values[arm] == pytest.approx(sum(rewards) / len(rewards))
    assert run.regret == pytest.approx([0.7 - PROBS[a] for a in run.arms])


def test_ucb1_tries_every_arm_then_follows_its_bound() -> None:
    agent = UCB1(3, c=0.5)
    for arm in range(3):
        assert agent.select() == arm
        agent.update(arm, [1.0, 0.0, 1.0][arm])
    agent.update(0, 1.0)  # arm 0: 2 pulls, mean 1; arm 1: 1 pull, mean 0; arm 2: 1 pull, mean 1
    t = 5
    expected = [1 + 0.5 * math.sqrt(2 * math.log(t) / 2), 0 + 0.5 * math.sqrt(2 * math.log(t) / 1),
                1 + 0.5 * math.sqrt(2 * math.log(t) / 1)]
    assert agent.bounds() == pytest.approx(expected)
    assert agent.select() == 2


def test_epsilon_one_explores_uniformly_and_epsilon_zero_exploits() -> None:
    explorer = EpsilonGreedy(4, epsilon=1.0, seed=0)
    explorer.update(0, 1.0)
    picks = [explorer.select() for _ in range(8000)]
    assert [picks.count(a) / 8000 for a in range(4)] == pytest.approx([0.25] * 4, abs=0.02)
    greedy = EpsilonGreedy(4, epsilon=0.0, seed=0)
    greedy.update(3, 1.0)
    assert {greedy.select() for _ in range(100)} == {3}
    untried = EpsilonGreedy(4, epsilon=0.0, seed=0)  # all values tie at 0: ties are broken at random
    assert {untried.select() for _ in range(200)} == {0, 1, 2, 3}


@pytest.mark.parametrize("make_agent", [lambda seed: EpsilonGreedy(5, 0.1, seed=seed), lambda seed: UCB1(5)])
def test_learning_agents_lose_less_per_step_as_they_go(make_agent) -> None:
    first, last = 0.0, 0.0
    for seed in range(20):
        run = run_bandit(BernoulliBandit(PROBS, seed=seed), make_agent(seed), steps=1000)
        first += sum(run.regret[:100]) / 100
        last += sum(run.regret[-100:]) / 100
    assert last < first / 2


def test_runs_repeat_with_the_same_seeds() -> None:
    runs = [run_bandit(BernoulliBandit(PROBS, seed=4), EpsilonGreedy(5, 0.1, seed=5), 300) for _ in range(2)]
    assert runs[0] == runs[1]


def test_the_base_agent_does_not_choose() -> None:
    with pytest.raises(NotImplementedError, match="^$") as info:  # a bare raise: no message to pin
        Agent(2).select()
    assert info.traceback[-1].name == "select" and info.traceback[-1].path.name == "bandit.py"


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda: BernoulliBandit([0.5]), ValueError, "at least 2 arms"),
        (lambda: BernoulliBandit([0.5, 1.5]), ValueError, r"in \[0, 1\], got 1.5"),
        (lambda: BernoulliBandit("ab"), TypeError, "probs must be a sequence of numbers"),
        (lambda: BernoulliBandit([0.5, "x"]), TypeError, "probs must be numbers"),
        (lambda: BernoulliBandit([0.1, 0.2]).pull(2), ValueError, r"arm must be in \[0, 2\)"),
        (lambda: BernoulliBandit([0.1, 0.2]).pull(1.0), TypeError, "arm must be an int"),
        (lambda: EpsilonGreedy(1), ValueError, "n_arms must be at least 2"),
        (lambda: EpsilonGreedy(3.0), TypeError, "n_arms must be an int"),
        (lambda: EpsilonGreedy(3, epsilon=1.5), ValueError, r"epsilon must be in \[0, 1\]"),
        (lambda: EpsilonGreedy(3, epsilon="0.1"), TypeError, "epsilon must be a number"),
        (lambda: UCB1(3, c=-1.0), ValueError, "c must be >= 0"),
        (lambda: UCB1(3).update(3, 1.0), ValueError, r"arm must be in \[0, 3\)"),
        (lambda: run_bandit(BernoulliBandit([0.1, 0.2]), UCB1(3), 10), ValueError,
         "the agent has 3 arms but the bandit has 2"),
        (lambda: run_bandit(BernoulliBandit([0.1, 0.2]), UCB1(2), 0), ValueError, "steps must be at least 1"),
        (lambda: run_bandit(BernoulliBandit([0.1, 0.2]), UCB1(2), 1.0), TypeError, "steps must be an int"),
        (lambda: run_bandit([0.1, 0.2], UCB1(2), 10), TypeError, "bandit must be a BernoulliBandit"),
        (lambda: run_bandit(BernoulliBandit([0.1, 0.2]), "greedy", 10), TypeError,
         "agent must be a dlnotes.bandit.Agent"),
    ],
)
def test_bad_arguments_are_explained(make, error, message) -> None:
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize(
    "make",
    [lambda seed: BernoulliBandit([0.2, 0.8], seed=seed), lambda seed: EpsilonGreedy(3, 0.1, seed=seed)],
    ids=["BernoulliBandit", "EpsilonGreedy"],
)
def test_seed_must_be_an_int_or_none(make) -> None:
    make(None)  # None seeds the generator from the operating system
    make(2**32 - 1)
    for bad, got in (("1", "str"), (1.0, "float"), (True, "bool")):
        with pytest.raises(TypeError, match=f"^seed must be an int or None, got {got}$"):
            make(bad)
    with pytest.raises(ValueError, match=r"^seed must be in \[0, 4294967295\], got -1$"):
        make(-1)
