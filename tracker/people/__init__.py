"""People: advocates and their CSV import, subscriptions and topics, officials, places,
quiet hours, and whom an advocate should contact about a bill.

Knows nothing of checking, mail or the faces: they ask it who, it answers.
"""
