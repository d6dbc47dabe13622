from qnet.registry import OrderedRegistry


def test_entries_come_in_their_order_and_each_only_once():
    registry = OrderedRegistry()

    def late():
        pass

    def early():
        pass

    registry.add(late, order=900)
    registry.add(early, order=100)
    registry.add(late, order=900)  # a second ready() adds nothing
    assert list(registry) == [early, late]
