using Depc.Kafka.DeadLetters;

namespace Depc.Kafka.Tests.DeadLetters;

public sealed class ReportBudgetTests
{
    [Fact]
    public void Takes_reports_while_they_fit_counts_those_that_do_not_and_takes_again_once_bytes_are_released()
    {
        var budget = new ReportBudget(100);

        Assert.True(budget.TryTake(60));
        Assert.True(budget.TryTake(40));
        Assert.False(budget.TryTake(1));
        Assert.False(budget.TryTake(101));
        Assert.Equal((100L, 2L), (budget.Held, budget.Dropped));

        budget.Release(60);
        Assert.False(budget.TryTake(61));
        Assert.True(budget.TryTake(60));
        Assert.Equal((100L, 3L), (budget.Held, budget.Dropped));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportBudget(0));
    }

    [Fact]
    public void Concurrent_takers_never_hold_more_than_the_budget()
    {
        var budget = new ReportBudget(1_000);
        var taken = 0L;
        Parallel.For(0, 100_000, _ =>
        {
            if (budget.TryTake(7))
            {
                Interlocked.Increment(ref taken);
                Assert.True(budget.Held <= 1_000);
                budget.Release(7);
            }
        });

        Assert.Equal(0, budget.Held);
        Assert.Equal(100_000, taken + budget.Dropped);
    }
}
