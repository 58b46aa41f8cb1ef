"""The 2017 sample records (`load_sample_data`) and the demo logins (`create_demo_users`)."""
